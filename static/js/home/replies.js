// The person's answers on a card (accept, not now, we met, I followed up): sent at once,
// or kept on the phone while it is offline and sent, oldest first, once it is back.
import { send } from "./answers.js";
import { answers, notices, render, upsert } from "./intros.js";
import { eventQuery } from "./page.js";

// An answer goes at once, or waits on the phone while it is offline.
export async function answer(id, action) {
  notices.delete(id);
  const result = navigator.onLine === false ? { offline: true } : await send(id, action, eventQuery);
  if (result.offline) {
    answers.add(id, action);
    render();
    return;
  }
  answers.remove(id);
  took(id, result);
}

function took(id, { data, refused }) {
  if (refused) {
    notices.set(id, refused);
    render();
    return;
  }
  // A push about the other side's answer may have overtaken this answer: the seqs say
  // which is newer, so the older one is not drawn over it.
  upsert({ ...data.introduction, seq: data.seq });
  render(); // the card's pending mark is gone even when the introduction is unchanged
}

// Sends the answers that waited, oldest first; stops at the first sign of no network.
let flushing = null;
export function flush() {
  flushing ??= sendQueued().finally(() => {
    flushing = null;
  });
  return flushing;
}

async function sendQueued() {
  for (const { id, action } of answers.list()) {
    const result = await send(id, action, eventQuery);
    if (result.offline) return;
    answers.remove(id);
    took(id, result);
  }
}
