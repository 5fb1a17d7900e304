package mem_test

import (
	"testing"

	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/mem"
	"github.com/taonet/taonet/store/storetest"
)

func open(testing.TB) store.Backend { return mem.New() }

func TestConformance(t *testing.T) { storetest.RunBackend(t, open) }
