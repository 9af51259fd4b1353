// Package corpus makes the seeded synthetic corpus that the arena's tiny
// embedded model is pretrained on, and owns the text formats and game rules
// that the arena's Spaces speak.
//
// The model is small (a few million parameters) and is pretrained from
// scratch in minutes on a CPU, so the corpus is built to be learnable:
//
//   - Exact formats. Every document is in the format a Space will later send
//     or expect, built and parsed by the helpers in this package, so the
//     corpus and the Spaces can never drift apart.
//   - Room to learn. Some arithmetic answers are deliberately (but
//     plausibly) wrong and most game moves are legal but unskilled, so that
//     reinforcement learning from match outcomes has something to improve.
//   - Compact. Documents are short (most well under 100 tokens when a digit
//     is one token) and the prose uses a few hundred distinct words at most.
//
// # Documents
//
// A [Doc] is either plain text (Doc.Text) or a conversation (Doc.Chat) that
// is rendered through the chat template ([tokenizer.ChatText]) when trained
// on; [Doc.Render] gives the exact training text. Both shapes are needed:
// the arena sends chats through the template, while `arena generate
// --prompt "Q: 17+25="` continues plain text. Every kind has plain documents,
// chats, and chats that open with a short system prompt.
//
// A [Generator] draws documents from weighted [Source]s with one seeded
// random stream, so the same [Options] give the same documents, byte for
// byte. Spaces may add their own Sources.
//
// # Arithmetic
//
// A question is "Q: " a, an operator ('+' or '-'), b, and "="; the answer is
// the decimal number right after it. Operands are mostly two-digit (10–99),
// sometimes one-digit (1–9); subtraction is a minority and never goes below
// zero. A plain document holds a few such lines separated by "\n":
//
//	Q: 17+25=42
//	Q: 63-8=55
//	Q: 5+71=76
//
// In chat form the user sends the question and the assistant answers with
// the number only:
//
//	system:    Answer with the number only.        (only in some documents)
//	user:      Q: 17+25=
//	assistant: 42
//
// Build questions with [AdditionPrompt], [SubtractionPrompt] or
// [Problem.Prompt], read them back with [ParseProblem], and read a reply
// with [ParseAnswer]. A fraction [Options.WrongRate] of answers is wrong by
// a plausible slip (see [WrongAnswer]).
//
// # Tic-tac-toe
//
// Cells are numbered 1–9 row by row; X moves first. A game is written as a
// history line, "tic-tac-toe" followed by the moves so far, each a mark and a
// cell ("X5 O1 X9"), and a 3-line board in which free cells show their own
// number, so that the legal moves are exactly the digits on the board. A
// plain document is a finished game with its result line ("X wins", "O wins"
// or "draw"):
//
//	tic-tac-toe X5 O1 X9 O3 X2 O7 X8
//	OXO
//	4X6
//	OXX
//	X wins
//
// In chat form the user shows the game so far ([TicTacToe.Prompt]) and the
// assistant answers with one cell digit ([ParseTicTacToeMove] reads it):
//
//	system:    You play tic-tac-toe. Answer with the number of a free cell.
//	user:      tic-tac-toe X5 O1 X9
//	           O23
//	           4X6
//	           78X
//	           You are O. Your move:
//	assistant: 3
//
// [TicTacToe] holds the rules, a perfect player (memoised minimax) and a
// random player. In documents a fraction [Options.SkillRate] of the moves
// come from the perfect player and the rest are uniform among legal moves.
//
// # Nim
//
// Heaps are named A, B, C, ... and a position is written "A3 B5 C7" (empty
// heaps stay, as "B0"). A move takes one or more objects from one heap and
// is written as the heap letter, a minus sign and the count: "C-2". Normal
// play: whoever takes the last object wins; X moves first. A plain document
// is a finished game: the start line "nim" and the heaps, then one line per
// move with the position after it, then the result line:
//
//	nim A3 B5 C7
//	C-2 A3 B5 C5
//	B-5 A3 B0 C5
//	A-3 A0 B0 C5
//	C-5 A0 B0 C0
//	O wins
//
// In chat form the user shows the position ([Nim.Prompt]) and the assistant
// answers with one move ([ParseNimMove] reads it):
//
//	system:    You play nim. Whoever takes the last object wins. Answer like B-2.
//	user:      nim A3 B0 C5
//	           Your move:
//	assistant: C-2
//
// [Nim] holds the rules, a perfect player (nim-sum) and a random player.
//
// # Prose
//
// Slogans and one-line pitches come from templates with small word lists.
// Every line keeps the rules a judge can check ([CheckProse]): one line, at
// most [MaxProseWords] words, no digits, ending with a period. A plain
// document holds one to three lines such as
//
//	Slogan for a bike shop: Ride more, worry less.
//	Pitch for a tea app: The easy way to sip every day.
//
// and in chat form
//
//	system:    You write short slogans and pitches. One line, ending with a period.
//	user:      Write a slogan for a bike shop.
//	assistant: Ride more, worry less.
//
// Build the requests with [SloganPrompt] and [PitchPrompt].
package corpus
