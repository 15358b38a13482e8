package dev.switchboard.router.pipeline;

/** How the router's three stages (journal, routing, dispatch) are given threads. */
public enum StageLayout {
  /**
   * Three threads: journal and routing in parallel, dispatch after both. Routing does not wait for
   * the journal's append; best when the router has three cores to itself.
   */
  PARALLEL,

  /**
   * One thread runs journal, routing and dispatch in turn for each command. No hand-over between
   * threads, so on a machine with few cores (or one shared with Asterisk) it is faster and has far
   * shorter tails.
   */
  FUSED
}
