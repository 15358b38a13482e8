package dev.switchboard.router.engine;

import java.util.Arrays;

/**
 * Order-statistic trees (treaps) of contact slots, one tree per queue, all sharing node arrays
 * indexed by slot (a contact is in at most one queue's tree). They answer "what is this contact's
 * place in its queue" in O(log n) for {@code ContactQueued.position}, and list a queue in rank
 * order for diagnostics. The heap priorities are a fixed mix of the contact's sequence number, so
 * the shape is deterministic (no random source).
 */
final class QueueOrder {

  private final IntHeap.Order order;
  private int[] left = new int[16];
  private int[] right = new int[16];
  private int[] count = new int[16];
  private int[] weight = new int[16];

  QueueOrder(IntHeap.Order order) {
    this.order = order;
    Arrays.fill(left, -1);
    Arrays.fill(right, -1);
  }

  /** Inserts {@code slot} into the tree rooted at {@code root}; returns the new root. */
  int insert(int root, int slot, long seq) {
    ensure(slot);
    left[slot] = -1;
    right[slot] = -1;
    count[slot] = 1;
    weight[slot] = mix(seq);
    return insertNode(root, slot);
  }

  private int insertNode(int root, int slot) {
    if (root == -1) {
      return slot;
    }
    if (order.before(slot, root)) {
      left[root] = insertNode(left[root], slot);
      if (weight[left[root]] > weight[root]) {
        return rotateRight(root);
      }
    } else {
      right[root] = insertNode(right[root], slot);
      if (weight[right[root]] > weight[root]) {
        return rotateLeft(root);
      }
    }
    count[root] = 1 + size(left[root]) + size(right[root]);
    return root;
  }

  private int rotateRight(int root) {
    int pivot = left[root];
    left[root] = right[pivot];
    right[pivot] = root;
    count[root] = 1 + size(left[root]) + size(right[root]);
    count[pivot] = 1 + size(left[pivot]) + size(right[pivot]);
    return pivot;
  }

  private int rotateLeft(int root) {
    int pivot = right[root];
    right[root] = left[pivot];
    left[pivot] = root;
    count[root] = 1 + size(left[root]) + size(right[root]);
    count[pivot] = 1 + size(left[pivot]) + size(right[pivot]);
    return pivot;
  }

  /** Removes {@code slot} (which must be in the tree); returns the new root. */
  int remove(int root, int slot) {
    if (root == -1) {
      return -1;
    }
    if (root == slot) {
      return merge(left[root], right[root]);
    }
    if (order.before(slot, root)) {
      left[root] = remove(left[root], slot);
    } else {
      right[root] = remove(right[root], slot);
    }
    count[root] = 1 + size(left[root]) + size(right[root]);
    return root;
  }

  /** The 1-based place of {@code slot} in the tree rooted at {@code root}. */
  int position(int root, int slot) {
    int place = 1;
    int node = root;
    while (node != -1 && node != slot) {
      if (order.before(slot, node)) {
        node = left[node];
      } else {
        place += size(left[node]) + 1;
        node = right[node];
      }
    }
    return node == -1 ? 0 : place + size(left[node]);
  }

  boolean contains(int root, int slot) {
    return position(root, slot) > 0;
  }

  int size(int root) {
    return root == -1 ? 0 : count[root];
  }

  /** The slots of the tree in rank order. */
  int[] inOrder(int root) {
    int[] out = new int[size(root)];
    int[] stack = new int[64];
    int depth = 0;
    int n = 0;
    int node = root;
    while (node != -1 || depth > 0) {
      while (node != -1) {
        if (depth == stack.length) {
          stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = node;
        node = left[node];
      }
      node = stack[--depth];
      out[n++] = node;
      node = right[node];
    }
    return out;
  }

  private int merge(int a, int b) {
    if (a == -1) {
      return b;
    }
    if (b == -1) {
      return a;
    }
    if (weight[a] > weight[b]) {
      right[a] = merge(right[a], b);
      count[a] = 1 + size(left[a]) + size(right[a]);
      return a;
    }
    left[b] = merge(a, left[b]);
    count[b] = 1 + size(left[b]) + size(right[b]);
    return b;
  }

  private void ensure(int slot) {
    if (slot >= left.length) {
      int n = Math.max(slot + 1, left.length * 2);
      int old = left.length;
      left = Arrays.copyOf(left, n);
      right = Arrays.copyOf(right, n);
      count = Arrays.copyOf(count, n);
      weight = Arrays.copyOf(weight, n);
      Arrays.fill(left, old, n, -1);
      Arrays.fill(right, old, n, -1);
    }
  }

  private static int mix(long seq) {
    long z = seq * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L;
    return (int) (z ^ (z >>> 29));
  }
}
