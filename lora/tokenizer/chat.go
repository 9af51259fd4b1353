package tokenizer

import "strings"

// Message is one turn of a conversation.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// The ChatML markers, special tokens in a tokenizer that supports chat.
const (
	imStart = "<|im_start|>"
	imEnd   = "<|im_end|>"
)

// ChatText renders messages through the ChatML template: for each message
// "<|im_start|>" + role + "\n" + content + "<|im_end|>\n"; then, when
// addGenerationPrompt, "<|im_start|>assistant\n".
func ChatText(msgs []Message, addGenerationPrompt bool) string {
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString(imStart)
		b.WriteString(m.Role)
		b.WriteByte('\n')
		b.WriteString(m.Content)
		b.WriteString(imEnd)
		b.WriteByte('\n')
	}
	if addGenerationPrompt {
		b.WriteString(imStart + "assistant\n")
	}
	return b.String()
}

// ChatTemplateJinja is ChatText's template in Jinja, for the chat_template
// of tokenizer_config.json: Hugging Face's apply_chat_template renders
// exactly what ChatText returns.
const ChatTemplateJinja = `{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}`
