// Package tui is the player's terminal client, built with bubbletea. It talks
// to an arena server only through the server's public REST and websocket API.
package tui
