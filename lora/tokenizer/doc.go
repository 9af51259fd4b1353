// Package tokenizer is a byte-level BPE tokenizer that reads and writes
// Hugging Face tokenizer.json files (GPT-2, Llama-3 and Qwen2 style), a
// deterministic BPE trainer for small vocabularies, and the ChatML chat
// template.
//
// Text is handled as bytes: every token stands for a byte string, and
// Decode(Encode(s)) == s for any Go string s, invalid UTF-8 included.
// Encoding follows Hugging Face's: the text is split into pre-tokens by the
// tokenizer.json pre-tokenizer's regular expression (implemented by hand, as
// Go's regexp lacks lookahead), and each pre-token is merged by BPE rank.
//
// What is not applied: an NFC normalizer is accepted but not applied (text
// is taken as it is, which keeps encoding lossless; it matters only for text
// that is not already in NFC), the post-processor (Encode never adds BOS or
// EOS tokens, like add_special_tokens=False), truncation and padding.
package tokenizer
