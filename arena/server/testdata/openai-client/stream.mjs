// Streams one chat completion from an OpenAI-compatible server with the
// official openai client, and prints what arrived as one JSON object:
// {"models": [...ids], "text", "chunks", "role", "finish_reason", "usage"}.
//
// It is run by TestOpenAINodeClient (arena/server/openai_test.go) with
// OPENAI_BASE_URL (the server's /v1), OPENAI_API_KEY (a player's sign-in
// token, or an API key of the server's operator) and MODEL (the model to
// ask for).
import OpenAI from "openai";

const model = process.env.MODEL;
if (!model) {
  console.error("stream.mjs: set MODEL to the model to ask for");
  process.exit(2);
}

// No retries: a failure should show at once, not after back-offs.
const client = new OpenAI({ maxRetries: 0, timeout: 60_000 });

const models = [];
for await (const m of client.models.list()) {
  models.push(m.id);
}

const stream = await client.chat.completions.create({
  model,
  messages: [
    { role: "system", content: "You answer questions." },
    { role: "user", content: "What is six times seven?" },
  ],
  stream: true,
  stream_options: { include_usage: true },
  max_tokens: 32,
  seed: 7,
});

let text = "";
let chunks = 0;
let role = null;
let finishReason = null;
let usage = null;
for await (const chunk of stream) {
  chunks++;
  if (chunk.usage) {
    usage = chunk.usage;
  }
  for (const choice of chunk.choices) {
    if (choice.delta.role) {
      role = choice.delta.role;
    }
    text += choice.delta.content ?? "";
    if (choice.finish_reason) {
      finishReason = choice.finish_reason;
    }
  }
}

console.log(JSON.stringify({ models, text, chunks, role, finish_reason: finishReason, usage }));
