package dev.switchboard.router.api;

/** Router-wide: how a freed agent picks among contacts waiting in several queues it serves. */
public enum ContactSelection implements Coded {
  /**
   * Highest effective priority first (priority aged by waiting time), then first come first served.
   */
  PRIORITY_AGE(1),
  /**
   * The contact whose queue is most at risk of missing its service-level target: the largest ratio
   * of waited time to the queue's target seconds, priority and age breaking ties.
   */
  SERVICE_LEVEL(2);

  private final int code;

  ContactSelection(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
