package dev.switchboard.router.engine;

import java.util.Arrays;

/**
 * A binary min-heap of int handles (agent indexes or contact slots) ordered by up to three long
 * keys stored inline, then by handle, with O(log n) removal of any handle. Keys are copied in when
 * a handle is added and must not change while it is in the heap (callers remove and re-add), so
 * comparisons touch only this heap's arrays, never the agent or contact objects: at 100k agents
 * that keeps sift operations in cache. Each handle's place is kept in a {@link Positions} table
 * shared by all heaps of one kind (a handle is in at most one heap of a kind at a time).
 */
final class IntHeap {

  /** Strict order over handles: true when {@code a} must come out before {@code b}. */
  @FunctionalInterface
  interface Order {
    boolean before(int a, int b);
  }

  /** Handle → 1-based place in its heap, 0 when in none. */
  static final class Positions {
    private int[] places = new int[16];

    int get(int handle) {
      return handle < places.length ? places[handle] : 0;
    }

    void set(int handle, int place) {
      if (handle >= places.length) {
        places = Arrays.copyOf(places, Math.max(handle + 1, places.length * 2));
      }
      places[handle] = place;
    }
  }

  private final Positions positions;
  private int[] items = new int[8];
  private long[] k1 = new long[8];
  private long[] k2 = new long[8];
  private long[] k3 = new long[8];
  private int size;

  IntHeap(Positions positions) {
    this.positions = positions;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The first handle, or -1 when empty. */
  int peek() {
    return size == 0 ? -1 : items[0];
  }

  boolean contains(int handle) {
    int place = positions.get(handle);
    return place > 0 && place <= size && items[place - 1] == handle;
  }

  /** Adds a handle ordered by (key1, key2, key3, handle). */
  void add(int handle, long key1, long key2, long key3) {
    if (size == items.length) {
      int n = size * 2;
      items = Arrays.copyOf(items, n);
      k1 = Arrays.copyOf(k1, n);
      k2 = Arrays.copyOf(k2, n);
      k3 = Arrays.copyOf(k3, n);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!less(key1, key2, key3, handle, parent)) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    put(i, handle, key1, key2, key3);
  }

  /** Removes the handle if present. */
  void remove(int handle) {
    if (!contains(handle)) {
      return;
    }
    int i = positions.get(handle) - 1;
    positions.set(handle, 0);
    size--;
    if (i == size) {
      return;
    }
    int last = items[size];
    long a = k1[size];
    long b = k2[size];
    long c = k3[size];
    // Sift the former last entry up from the hole, else down.
    int j = i;
    while (j > 0) {
      int parent = (j - 1) >>> 1;
      if (!less(a, b, c, last, parent)) {
        break;
      }
      move(parent, j);
      j = parent;
    }
    if (j == i) {
      while (true) {
        int child = 2 * j + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size && lessAt(child + 1, child)) {
          child++;
        }
        if (!lessThan(k1[child], k2[child], k3[child], items[child], a, b, c, last)) {
          break;
        }
        move(child, j);
        j = child;
      }
    }
    put(j, last, a, b, c);
  }

  void clear() {
    for (int i = 0; i < size; i++) {
      positions.set(items[i], 0);
    }
    size = 0;
  }

  private void put(int i, int handle, long a, long b, long c) {
    items[i] = handle;
    k1[i] = a;
    k2[i] = b;
    k3[i] = c;
    positions.set(handle, i + 1);
  }

  private void move(int from, int to) {
    put(to, items[from], k1[from], k2[from], k3[from]);
  }

  private boolean less(long a, long b, long c, int handle, int at) {
    return lessThan(a, b, c, handle, k1[at], k2[at], k3[at], items[at]);
  }

  private boolean lessAt(int x, int y) {
    return lessThan(k1[x], k2[x], k3[x], items[x], k1[y], k2[y], k3[y], items[y]);
  }

  private static boolean lessThan(
      long a1, long b1, long c1, int h1, long a2, long b2, long c2, int h2) {
    if (a1 != a2) {
      return a1 < a2;
    }
    if (b1 != b2) {
      return b1 < b2;
    }
    if (c1 != c2) {
      return c1 < c2;
    }
    return h1 < h2;
  }
}
