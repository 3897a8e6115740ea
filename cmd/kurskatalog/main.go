// Command kurskatalog is the course catalogue of Jämtland Härjedalen: it
// imports courses from Susa-navet and the providers' own sources into SQLite,
// indexes them with Bleve and serves search over HTTP.
//
//	kurskatalog serve   [--config FILE] [--data-dir DIR] [--addr HOST:PORT]
//	kurskatalog crawl   [--config FILE] [--data-dir DIR] [SOURCE_ID...]
//	kurskatalog reindex [--config FILE] [--data-dir DIR]
//	kurskatalog gaps    [--config FILE] [--data-dir DIR] [--municipality CODE|NAME] [--months N] [--max-km KM] [--max-bus-minutes MIN]
//	kurskatalog mcp     [--config FILE] [--data-dir DIR]
//	kurskatalog backup  [--data-dir DIR] FILE
//	kurskatalog restore [--data-dir DIR] FILE
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
