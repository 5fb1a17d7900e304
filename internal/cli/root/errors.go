package root

import (
	"errors"

	"github.com/taonet/taonet/internal/cli/cmdutil"
)

func asExit(err error, target **cmdutil.ExitError) bool { return errors.As(err, target) }
