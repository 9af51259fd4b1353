// Package attack is Arena's attack suite. Each test plays one cheat or
// abuse against a real `arena serve --dev` on 127.0.0.1, as a stranger
// with nothing but a free sign-in would (hostile endpoints and clients
// included), and checks that the server refuses it.
//
// The suite builds the arena binary from this checkout. ARENA_ATTACK_BIN
// runs it against another build instead, such as an older main's, to see
// each attack succeed there:
//
//	git worktree add /tmp/old OLDCOMMIT && (cd /tmp/old && go build -o /tmp/arena-old ./cmd/arena)
//	ARENA_ATTACK_BIN=/tmp/arena-old go test ./attack
package attack
