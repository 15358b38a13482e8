package dev.switchboard.sim.pbx;

/**
 * How the phone behind a PJSIP endpoint reacts when the PBX calls it (a virtual agent, a virtual
 * customer answering a callback, or a scripted phone in a test). Called on the PBX thread; must not
 * block.
 */
public interface EndpointBehaviour {

  /** What the phone does with an incoming call. */
  sealed interface RingDecision {}

  /**
   * Rings, then answers.
   *
   * @param afterMs ring time before answering
   * @param talkMs how long after the answer this side hangs up; negative = never (the other side
   *     ends the call)
   */
  record Answer(long afterMs, long talkMs) implements RingDecision {}

  /**
   * Rejects with 486 Busy Here (no ringing, no device state change, cause 17).
   *
   * @param afterMs delay before the 486
   */
  record Busy(long afterMs) implements RingDecision {}

  /** Rings until the caller gives up (Dial timeout, cancel). */
  record NoAnswer() implements RingDecision {}

  /**
   * A call to this endpoint starts.
   *
   * @param endpoint the endpoint called
   * @param callerIdNum the calling party number shown to the phone
   * @return what the phone does
   */
  RingDecision onIncomingCall(String endpoint, String callerIdNum);

  /**
   * The call to this endpoint is over (answered or not).
   *
   * @param endpoint the endpoint
   * @param answered whether the phone had answered it
   */
  default void onCallEnded(String endpoint, boolean answered) {}
}
