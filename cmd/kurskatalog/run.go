package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// nopWriteCloser is a writer that the transport may close: stdout stays
// the caller's.
type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }

const usage = `Usage:
  kurskatalog serve   [--config FILE] [--data-dir DIR] [--addr HOST:PORT] [--role api|crawler]
  kurskatalog crawl   [--config FILE] [--data-dir DIR] [SOURCE_ID...]
  kurskatalog reindex [--config FILE] [--data-dir DIR]
  kurskatalog gaps    [--config FILE] [--data-dir DIR] [--municipality CODE|NAME] [--months N] [--max-km KM] [--max-bus-minutes MIN]
  kurskatalog mcp     [--config FILE] [--data-dir DIR]   (MCP tools on stdin and stdout)
  kurskatalog backup  [--config FILE] [--data-dir DIR] FILE   (while serve runs, too)
  kurskatalog restore [--config FILE] [--data-dir DIR] FILE   (with nothing running on the data dir)

Without --config the embedded default configuration is used: every source of
Jämtland Härjedalen, read from the bundled snapshots.
`

// run is the whole program; main only supplies the process's context,
// arguments and streams. It returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, args := args[0], args[1:]
	fs := flag.NewFlagSet("kurskatalog "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "YAML configuration file (default: embedded, bundled snapshots)")
	dataDir := fs.String("data-dir", "./var", "directory for the database and the search index")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (serve)")
	role := fs.String("role", "", "serve with store: postgres: api (reads and follows the store) or crawler (the one importing process); default both")
	verbose := fs.Bool("verbose", false, "log debug messages")
	municipality := fs.String("municipality", "", "municipality code or name (gaps; default: the whole region)")
	months := fs.Int("months", 12, "how many months ahead a start must be (gaps)")
	maxKm := fs.Float64("max-km", 60, "how far a resident travels to study on site, straight line (gaps)")
	maxBus := fs.Int("max-bus-minutes", 0, "instead of --max-km: how long a resident travels to study on site by bus on a weekday morning (gaps)")
	switch cmd {
	case "serve", "crawl", "reindex", "gaps", "mcp", "backup", "restore":
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "kurskatalog: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	logs := &logSink{w: stderr} // crawl's live display moves it above its lines
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: level}))

	cfg, err := loadConfig(*configPath)
	if err != nil {
		fmt.Fprintf(stderr, "kurskatalog: %v\n", err)
		return 2
	}
	if (cmd == "backup" || cmd == "restore") && cfg.Store != "" {
		fmt.Fprintf(stderr, "kurskatalog %s: %s\n", cmd, pgDumpAdvice)
		return 1
	}
	if cmd == "backup" || cmd == "restore" {
		return storeFileCommand(ctx, cmd, *dataDir, fs.Args(), stdout, stderr)
	}
	if cmd != "crawl" && fs.NArg() > 0 {
		fmt.Fprintf(stderr, "kurskatalog %s: unexpected arguments %s\n", cmd, strings.Join(fs.Args(), " "))
		return 2
	}
	if cmd == "gaps" {
		if *months < 1 || *months > 60 {
			fmt.Fprintf(stderr, "kurskatalog gaps: --months must be between 1 and 60\n")
			return 2
		}
		if err := gapsCommand(ctx, cfg, *dataDir, *municipality, *months, *maxKm, *maxBus, stdout); err != nil {
			fmt.Fprintf(stderr, "kurskatalog gaps: %v\n", err)
			return 1
		}
		return 0
	}
	if cmd == "mcp" {
		// stdout is the protocol's: the log goes to stderr, as always.
		t := &mcp.IOTransport{Reader: os.Stdin, Writer: nopWriteCloser{stdout}}
		if err := mcpCommand(ctx, cfg, *dataDir, log, t, stderr); err != nil {
			fmt.Fprintf(stderr, "kurskatalog mcp: %v\n", err)
			return 1
		}
		return 0
	}
	if *role != "" && cmd != "serve" {
		fmt.Fprintf(stderr, "kurskatalog %s: --role is serve's\n", cmd)
		return 2
	}
	appRole := map[string]string{"crawl": roleWriter, "reindex": roleIndex}[cmd]
	if cmd == "serve" {
		if appRole, err = serveRole(*role, cfg); err != nil {
			fmt.Fprintf(stderr, "kurskatalog serve: %v\n", err)
			return 2
		}
	}
	if err := ownDataDir(ctx, cmd, cfg, appRole, *dataDir, *addr, fs.Args(), log, logs, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "kurskatalog %s: %v\n", cmd, err)
		return 1
	}
	return 0
}

// ownDataDir runs serve, crawl or reindex. The store and the index have one
// writer: the process that holds the data dir's lock. When a service holds
// it, crawl and reindex ask the service to do the work; otherwise a second
// process fails at once, saying what to do.
func ownDataDir(ctx context.Context, cmd string, cfg *Config, role, dataDir, addr string, args []string, log *slog.Logger, logs *logSink, stdout, stderr io.Writer) error {
	lock, err := lockDataDir(dataDir, cmd)
	var inUse *inUseError
	if errors.As(err, &inUse) {
		if cmd == "serve" {
			return inUse.advice(cmd)
		}
		return askService(ctx, cmd, cfg, dataDir, args, inUse, stdout, stderr, logs)
	}
	if err != nil {
		return err
	}
	defer lock.Close()
	a, err := openApp(ctx, cfg, dataDir, log, cmd == "serve", role)
	if err != nil {
		return err
	}
	defer a.Close()
	switch cmd {
	case "serve":
		return a.serve(ctx, addr, stdout)
	case "crawl":
		return crawlCommand(ctx, a.crawl, args, stdout, logs)
	}
	if a.rebuilt {
		return nil // opening rebuilt it, just now
	}
	return a.reindex(ctx)
}
