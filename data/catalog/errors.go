package catalog

import (
	"errors"
	"fmt"
)

// ErrorCode classifies domain errors so that each adapter can map them to its
// own vocabulary (HTTP status, exit code) in exactly one place.
type ErrorCode string

// The error codes.
const (
	ENotFound ErrorCode = "not_found"
	EInvalid  ErrorCode = "invalid"
	EConflict ErrorCode = "conflict"
	EInternal ErrorCode = "internal"
	// EUnavailable is work refused or cut short because the service is busy
	// or still loading: worth trying again later.
	EUnavailable ErrorCode = "unavailable"
)

// Error is a domain error with a code, a message safe to show to users and,
// for invalid input, the name of the parameter at fault.
type Error struct {
	Code      ErrorCode
	Message   string
	Parameter string
}

func (e *Error) Error() string {
	if e.Parameter != "" {
		return fmt.Sprintf("%s: %s: %s", e.Code, e.Parameter, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns a coded error with a formatted message.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EInvalid error naming the offending parameter.
func Invalid(parameter, format string, args ...any) *Error {
	return &Error{Code: EInvalid, Parameter: parameter, Message: fmt.Sprintf(format, args...)}
}

// ErrorCodeOf returns the code of err, or EInternal when err is not a domain
// error. A nil error has no code.
func ErrorCodeOf(err error) ErrorCode {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}
