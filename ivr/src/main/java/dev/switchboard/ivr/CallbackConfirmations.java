package dev.switchboard.ivr;

import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.RouterEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The router's answers to the callbacks the IVR asks for. A publish only says the command is in the
 * router's ring; the router may still refuse it, typically because the caller is being put through
 * to an agent who has just become free. The IVR thanks the caller and hangs up only once the router
 * has registered the callback ({@code CallbackRegistered}); a refusal ({@code CommandRejected})
 * sends the caller back to the wait, where the agent's call reaches them. Without this, a caller
 * who asked for a callback at that moment was hung up on and lost.
 */
final class CallbackConfirmations {

  private final ConcurrentHashMap<String, CompletableFuture<Boolean>> pending =
      new ConcurrentHashMap<>();

  /** Called before publishing the request: the answer may come before the publish returns. */
  CompletableFuture<Boolean> expect(String contactId) {
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    pending.put(contactId, answer);
    return answer;
  }

  /** No answer is awaited any more (answered, timed out, or never published). */
  void forget(String contactId, CompletableFuture<Boolean> answer) {
    pending.remove(contactId, answer);
  }

  /** Reads the router's answers from its events; any thread. */
  void onEvent(RouterEvent event) {
    if (event instanceof RouterEvent.CallbackRegistered r) {
      complete(r.contactId(), true);
    } else if (event instanceof RouterEvent.CommandRejected r
        && r.command() instanceof Command.CallbackRequested c) {
      complete(c.contactId(), false);
    }
  }

  private void complete(String contactId, boolean registered) {
    CompletableFuture<Boolean> answer = pending.remove(contactId);
    if (answer != null) {
      answer.complete(registered);
    }
  }
}
