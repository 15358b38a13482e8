package dev.switchboard.router.api;

/**
 * Tells the IVR how long a caller can expect to wait in a queue, to announce it and to decide
 * whether to offer a callback. Implemented by the statistics module from what it measures.
 */
@FunctionalInterface
public interface WaitEstimator {

  /** The estimate for a contact in a queue ({@code contactId} may be empty before it is queued). */
  WaitEstimate estimate(String queueId, String contactId);

  /**
   * An estimate.
   *
   * @param position 1-based place in line, or 0 if not known
   * @param waiting contacts waiting in the queue now
   * @param expectedWaitSeconds expected wait, or -1 when there is no agent to estimate from
   */
  record WaitEstimate(int position, int waiting, long expectedWaitSeconds) {
    /** No estimate (unknown queue, no data yet). */
    public static WaitEstimate unknown() {
      return new WaitEstimate(0, 0, -1);
    }
  }
}
