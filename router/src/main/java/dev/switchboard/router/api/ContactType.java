package dev.switchboard.router.api;

/** What kind of contact is being routed; decides which media capacity of an agent it uses. */
public enum ContactType implements Coded {
  /** An inbound phone call waiting on hold. */
  CALL(1),
  /** A caller who hung up and keeps its place; the agent is called first, then the customer. */
  CALLBACK(2),
  /** A chat session; an agent may hold several at once. */
  CHAT(3);

  private final int code;

  ContactType(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  /** True for calls and callbacks, which need the agent's single voice slot. */
  public boolean isVoice() {
    return this != CHAT;
  }
}
