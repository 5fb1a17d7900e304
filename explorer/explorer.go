package explorer

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/http/httptest"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/history"
)

//go:embed assets
var assets embed.FS

// ErrNotFound is returned by an API read that names nothing.
var ErrNotFound = errors.New("explorer: not found")

// Explorer serves the pages.
type Explorer struct {
	api   http.Handler
	ix    *history.Index
	pages map[string]*template.Template
}

// New returns the explorer over the node's API handler and history index.
func New(apiHandler http.Handler, ix *history.Index) *Explorer {
	e := &Explorer{api: apiHandler, ix: ix, pages: map[string]*template.Template{}}
	base := template.Must(template.New("base").Funcs(funcs).ParseFS(assets, "assets/base.html"))
	names, _ := fs.Glob(assets, "assets/page_*.html")
	for _, n := range names {
		t := template.Must(template.Must(base.Clone()).ParseFS(assets, n))
		e.pages[n[len("assets/page_"):len(n)-len(".html")]] = t
	}
	return e
}

// Register adds the pages to srv.
func (e *Explorer) Register(srv *api.Server) {
	srv.Handle("GET /{$}", e.home)
	srv.Handle("GET /subnets", e.subnets)
	srv.Handle("GET /subnets/{netuid}", e.subnet)
	srv.Handle("GET /subnets/{netuid}/metagraph.csv", e.metagraphCSV)
	srv.Handle("GET /subnets/{netuid}/neurons/{uid}", e.neuron)
	srv.Handle("GET /accounts/{ss58}", e.account)
	srv.Handle("GET /validators", e.validators)
	srv.Handle("GET /blocks/{h}", e.block)
	srv.Handle("GET /tx/{hash}", e.tx)
	srv.Handle("GET /search", e.search)
	static, _ := fs.Sub(assets, "assets/static")
	fsrv := http.StripPrefix("/static/", http.FileServer(http.FS(static)))
	srv.Handle("GET /static/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fsrv.ServeHTTP(w, r)
	})
}

// get reads one API endpoint in-process into out. A 400 or 404 answer is ErrNotFound.
func (e *Explorer) get(path string, out any) error {
	rec := httptest.NewRecorder()
	e.api.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	switch {
	case rec.Code == http.StatusNotFound || rec.Code == http.StatusBadRequest:
		return fmt.Errorf("%w: %s", ErrNotFound, path)
	case rec.Code != http.StatusOK:
		return fmt.Errorf("explorer: GET %s: status %d: %s", path, rec.Code, bytes.TrimSpace(rec.Body.Bytes()))
	}
	if err := json.Unmarshal(rec.Body.Bytes(), out); err != nil {
		return fmt.Errorf("explorer: decode %s: %w", path, err)
	}
	return nil
}

// page is what every template gets.
type page struct {
	Title string
	// Live names what the script refreshes on a new block ("" = height only; "epoch" reloads main on an epoch; "block" on every block).
	Live string
	Data any
}

func (e *Explorer) render(w http.ResponseWriter, status int, name, title, live string, data any) {
	var buf bytes.Buffer
	if err := e.pages[name].ExecuteTemplate(&buf, "base", page{Title: title, Live: live, Data: data}); err != nil {
		http.Error(w, "explorer: render "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// notFound writes the readable 404 page.
func (e *Explorer) notFound(w http.ResponseWriter, what string) {
	e.render(w, http.StatusNotFound, "notfound", "Not found", "", what)
}

// fail writes a 404 page for ErrNotFound, else a 500.
func (e *Explorer) fail(w http.ResponseWriter, what string, err error) {
	if errors.Is(err, ErrNotFound) || errors.Is(err, api.ErrNotFound) {
		e.notFound(w, what)
		return
	}
	http.Error(w, err.Error(), http.StatusInternalServerError)
}
