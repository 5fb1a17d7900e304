// Package explorer is the web UI every node serves on its API address:
// server-rendered pages (html/template, tables readable without JavaScript),
// inline SVG charts, a search box, and a small embedded script that sorts
// tables and updates pages from the node's websocket. Every asset is
// embedded; no request leaves the node. Pages read the node's own API
// in-process, so every figure is the API's figure.
package explorer
