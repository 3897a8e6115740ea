package server

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"kurskatalog/data/catalog"
)

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	Parameter string `json:"parameter,omitempty"`
}

// statusOf is the one mapping from domain error codes to HTTP statuses.
var statusOf = map[catalog.ErrorCode]int{
	catalog.ENotFound:    http.StatusNotFound,
	catalog.EInvalid:     http.StatusBadRequest,
	catalog.EConflict:    http.StatusConflict,
	catalog.EInternal:    http.StatusInternalServerError,
	catalog.EUnavailable: http.StatusServiceUnavailable,
}

// fail writes err in the API's error shape. Internal errors are logged and
// shown only as "internal error": their details are not for the public.
func (s *Server) fail(c *gin.Context, err error) {
	code := catalog.ErrorCodeOf(err)
	body := errorDetail{Code: string(code), Message: "internal error"}
	var e *catalog.Error
	if errors.As(err, &e) && code != catalog.EInternal {
		body.Message, body.Parameter = e.Message, e.Parameter
	} else {
		s.Log.Error("Request failed", "path", c.Request.URL.Path, "error", err)
	}
	c.AbortWithStatusJSON(statusOf[code], errorBody{Error: body})
}

func (s *Server) recovery() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if p := recover(); p != nil {
				s.fail(c, fmt.Errorf("panic: %v", p))
			}
		}()
		c.Next()
	}
}
