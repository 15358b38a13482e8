package dev.switchboard.router.engine;

import java.util.Arrays;

/**
 * A binary min-heap of int handles (agent or contact indexes) with O(log n) removal of any handle.
 * The order is given by a comparator over handles; each handle's place in the heap is kept in a
 * {@link Positions} table shared by all heaps of one kind (a handle is in at most one heap of a
 * kind at a time), so steady-state operations allocate nothing.
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

  private final Order order;
  private final Positions positions;
  private int[] items = new int[8];
  private int size;

  IntHeap(Order order, Positions positions) {
    this.order = order;
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

  void add(int handle) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    items[size] = handle;
    positions.set(handle, size + 1);
    size++;
    up(size - 1);
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
    items[i] = items[size];
    positions.set(items[i], i + 1);
    if (!up(i)) {
      down(i);
    }
  }

  void clear() {
    for (int i = 0; i < size; i++) {
      positions.set(items[i], 0);
    }
    size = 0;
  }

  /** Copies the handles, in no particular order. */
  int[] toArray() {
    return Arrays.copyOf(items, size);
  }

  private boolean up(int i) {
    int item = items[i];
    int start = i;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!order.before(item, items[parent])) {
        break;
      }
      items[i] = items[parent];
      positions.set(items[i], i + 1);
      i = parent;
    }
    items[i] = item;
    positions.set(item, i + 1);
    return i != start;
  }

  private void down(int i) {
    int item = items[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && order.before(items[child + 1], items[child])) {
        child++;
      }
      if (!order.before(items[child], item)) {
        break;
      }
      items[i] = items[child];
      positions.set(items[i], i + 1);
      i = child;
    }
    items[i] = item;
    positions.set(item, i + 1);
  }
}
