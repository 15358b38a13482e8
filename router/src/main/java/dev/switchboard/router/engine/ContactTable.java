package dev.switchboard.router.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Contacts by id: an open-addressing hash table (linear probing, deletion by backward shift) that
 * allocates nothing per contact, unlike a {@code HashMap}'s node per entry. It grows (doubling)
 * while the number of contacts in routing grows and never shrinks, so in the steady state adding
 * and removing contacts allocates nothing. At most half full. Each entry's hash is kept beside it,
 * so that probing past other entries compares ints, not strings (with 100k contacts in routing the
 * strings are rarely in the cache).
 */
final class ContactTable {
  private static final int INITIAL_CAPACITY = 1 << 10;

  private String[] keys = new String[INITIAL_CAPACITY];
  private int[] hashes = new int[INITIAL_CAPACITY];
  private ContactRuntime[] values = new ContactRuntime[INITIAL_CAPACITY];
  private int mask = INITIAL_CAPACITY - 1;
  private int size;

  int size() {
    return size;
  }

  /** The contact with this id, or null. */
  ContactRuntime get(String id) {
    int h = hash(id);
    for (int i = h & mask; ; i = (i + 1) & mask) {
      String k = keys[i];
      if (k == null) {
        return null;
      }
      if (hashes[i] == h && (k == id || k.equals(id))) {
        return values[i];
      }
    }
  }

  boolean containsKey(String id) {
    return get(id) != null;
  }

  /** Adds or replaces the contact under {@code id}. */
  void put(String id, ContactRuntime contact) {
    if (contact == null) {
      throw new IllegalArgumentException("no null contact");
    }
    if ((size + 1) * 2 > keys.length) {
      resize(keys.length * 2);
    }
    int h = hash(id);
    int i = h & mask;
    while (keys[i] != null) {
      if (hashes[i] == h && keys[i].equals(id)) {
        values[i] = contact;
        return;
      }
      i = (i + 1) & mask;
    }
    keys[i] = id;
    hashes[i] = h;
    values[i] = contact;
    size++;
  }

  /** Removes the contact under {@code id}; returns it, or null if there was none. */
  ContactRuntime remove(String id) {
    int h = hash(id);
    int i = h & mask;
    while (true) {
      String k = keys[i];
      if (k == null) {
        return null;
      }
      if (hashes[i] == h && (k == id || k.equals(id))) {
        break;
      }
      i = (i + 1) & mask;
    }
    ContactRuntime removed = values[i];
    // Backward shift: move later entries of the probe run into the hole when their home allows,
    // so that lookups never need tombstones.
    int hole = i;
    for (int j = (hole + 1) & mask; keys[j] != null; j = (j + 1) & mask) {
      int home = hashes[j] & mask;
      // Entry j may fill the hole if its home is not in (hole, j] (cyclically).
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        keys[hole] = keys[j];
        hashes[hole] = hashes[j];
        values[hole] = values[j];
        hole = j;
      }
    }
    keys[hole] = null;
    values[hole] = null;
    size--;
    return removed;
  }

  void clear() {
    Arrays.fill(keys, null);
    Arrays.fill(values, null);
    size = 0;
  }

  /** Every contact, in table order (a copy; not the hot path). */
  List<ContactRuntime> values() {
    List<ContactRuntime> out = new ArrayList<>(size);
    for (ContactRuntime c : values) {
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  /** The spread hash; its low bits are the home position. */
  private static int hash(String id) {
    int h = id.hashCode() * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private void resize(int capacity) {
    String[] oldKeys = keys;
    ContactRuntime[] oldValues = values;
    keys = new String[capacity];
    hashes = new int[capacity];
    values = new ContactRuntime[capacity];
    mask = capacity - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }
}
