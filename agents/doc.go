// Package agents holds an agent's configuration and the Policy interface
// through which an agent answers a chat, with its backends: the embedded
// engine (package lora), OpenAI-compatible HTTP endpoints and remote runners.
//
// It knows nothing of matches or judges.
package agents
