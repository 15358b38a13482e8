package dev.switchboard.router.engine;

import java.util.Arrays;

/**
 * All pending timers in one min-heap ordered by (due time, kind, tie). Entries are never removed
 * when a timer is cancelled or moved: the owner checks on {@link #pop} that the entity still
 * expects that timer at that time (lazy cancellation), so scheduling is O(log n) and allocation
 * free. Primitive parallel arrays, no objects per entry.
 */
final class TimerHeap {

  private long[] due = new long[16];
  private long[] tie = new long[16];
  private int[] kind = new int[16];
  private int[] ref = new int[16];
  private int size;

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  /**
   * Schedules a timer.
   *
   * @param dueMs when it fires
   * @param timerKind its kind; smaller kinds fire first at equal times
   * @param tieKey orders timers of one kind due at the same time (contact sequence, agent index)
   * @param handle the entity's handle (contact slot, agent index)
   */
  void push(long dueMs, int timerKind, long tieKey, int handle) {
    if (size == due.length) {
      int n = size * 2;
      due = Arrays.copyOf(due, n);
      tie = Arrays.copyOf(tie, n);
      kind = Arrays.copyOf(kind, n);
      ref = Arrays.copyOf(ref, n);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(dueMs, timerKind, tieKey, parent)) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    due[i] = dueMs;
    kind[i] = timerKind;
    tie[i] = tieKey;
    ref[i] = handle;
  }

  boolean isEmpty() {
    return size == 0;
  }

  long peekDue() {
    return due[0];
  }

  int peekKind() {
    return kind[0];
  }

  long peekTie() {
    return tie[0];
  }

  int peekHandle() {
    return ref[0];
  }

  /** Removes the first entry (read it with the peek methods first). */
  void pop() {
    size--;
    if (size == 0) {
      return;
    }
    long d = due[size];
    int k = kind[size];
    long t = tie[size];
    int r = ref[size];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && before(due[child + 1], kind[child + 1], tie[child + 1], child)) {
        child++;
      }
      if (!before(due[child], kind[child], tie[child], d, k, t)) {
        break;
      }
      move(child, i);
      i = child;
    }
    due[i] = d;
    kind[i] = k;
    tie[i] = t;
    ref[i] = r;
  }

  private boolean before(long d, int k, long t, int at) {
    return before(d, k, t, due[at], kind[at], tie[at]);
  }

  private static boolean before(long d1, int k1, long t1, long d2, int k2, long t2) {
    if (d1 != d2) {
      return d1 < d2;
    }
    if (k1 != k2) {
      return k1 < k2;
    }
    return t1 < t2;
  }

  private void move(int from, int to) {
    due[to] = due[from];
    kind[to] = kind[from];
    tie[to] = tie[from];
    ref[to] = ref[from];
  }
}
