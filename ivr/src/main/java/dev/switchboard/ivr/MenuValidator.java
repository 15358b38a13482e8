package dev.switchboard.ivr;

import dev.switchboard.ivr.IvrConfigurationLoader.NodeRef;
import dev.switchboard.ivr.IvrConfigurationLoader.PromptRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks that need the whole configuration: node references, reachability, cycles that never
 * wait for the caller, prompts missing in a language, unknown queues and lookups of attributes
 * nothing collects. Records errors; never throws.
 */
final class MenuValidator {

  private final ConfigReader r;
  private final IvrConfiguration config;
  private final List<NodeRef> refs;
  private final List<PromptRef> prompts;
  private final Set<String> queueIds;
  private final Map<String, String> nodePaths;

  MenuValidator(
      ConfigReader r,
      IvrConfiguration config,
      List<NodeRef> refs,
      List<PromptRef> prompts,
      Set<String> queueIds,
      Map<String, String> nodePaths) {
    this.r = r;
    this.config = config;
    this.refs = refs;
    this.prompts = prompts;
    this.queueIds = queueIds;
    this.nodePaths = nodePaths;
  }

  void validate() {
    references();
    reachability();
    inputlessCycles();
    promptsPerLanguage();
    nodeSettings();
  }

  private void references() {
    for (NodeRef ref : refs) {
      // A node that was declared but failed to read is already reported; do not cascade.
      if (!nodePaths.containsKey(ref.target())) {
        boolean yamlBoolean = ref.target().equals("true") || ref.target().equals("false");
        r.error(
            ref.path(),
            "unknown node '"
                + ref.target()
                + "'"
                + (yamlBoolean
                    ? " (YAML reads an unquoted yes, no, on or off as a boolean: quote the name)"
                    : ""));
      }
    }
  }

  private void reachability() {
    Set<String> seen = new HashSet<>();
    ArrayDeque<String> todo = new ArrayDeque<>();
    for (EntryPoint e : config.entryPoints().values()) {
      todo.add(e.start());
    }
    while (!todo.isEmpty()) {
      String id = todo.poll();
      MenuNode node = config.nodes().get(id);
      if (node != null && seen.add(id)) {
        todo.addAll(node.successors());
      }
    }
    for (String id : config.nodes().keySet()) {
      if (!seen.contains(id)) {
        r.error(nodePaths.get(id), "unreachable: no entry point leads to node '" + id + "'");
      }
    }
  }

  /**
   * A cycle made only of nodes that do not wait for the caller would spin forever (or, with only
   * prompts, replay them forever without a way out): depth-first search over those nodes.
   */
  private void inputlessCycles() {
    Map<String, Integer> color = new HashMap<>();
    Set<String> reported = new HashSet<>();
    for (String start : config.nodes().keySet()) {
      if (color.getOrDefault(start, 0) != 0 || takesInput(start)) {
        continue;
      }
      List<String> path = new ArrayList<>();
      dfs(start, color, path, reported);
    }
  }

  private void dfs(String id, Map<String, Integer> color, List<String> path, Set<String> reported) {
    color.put(id, 1);
    path.add(id);
    for (String next : config.nodes().get(id).successors()) {
      if (!config.nodes().containsKey(next) || takesInput(next)) {
        continue;
      }
      int c = color.getOrDefault(next, 0);
      if (c == 1) {
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
        if (reported.add(String.join(",", new java.util.TreeSet<>(cycle)))) {
          cycle.add(next);
          r.error(
              nodePaths.get(next),
              "nodes loop without waiting for caller input: " + String.join(" -> ", cycle));
        }
      } else if (c == 0) {
        dfs(next, color, path, reported);
      }
    }
    path.remove(path.size() - 1);
    color.put(id, 2);
  }

  private boolean takesInput(String id) {
    MenuNode node = config.nodes().get(id);
    return node != null && node.takesInput();
  }

  private void promptsPerLanguage() {
    for (PromptRef ref : prompts) {
      for (Map.Entry<String, Set<String>> lang : config.prompts().entrySet()) {
        if (!lang.getValue().contains(ref.prompt())) {
          r.error(
              ref.path(),
              "prompt '" + ref.prompt() + "' is not declared for language '" + lang.getKey() + "'");
        }
      }
    }
  }

  private void nodeSettings() {
    Set<String> collected = new HashSet<>();
    for (MenuNode node : config.nodes().values()) {
      if (node instanceof MenuNode.Collect c) {
        collected.add(c.attribute());
      }
    }
    for (MenuNode node : config.nodes().values()) {
      String path = nodePaths.get(node.id());
      if (node instanceof MenuNode.Queue q) {
        checkQueue(q.queue(), YamlLineIndex.join(path, "queue"));
      } else if (node instanceof MenuNode.SetAttributes a) {
        if (!a.queue().isEmpty()) {
          checkQueue(a.queue(), YamlLineIndex.join(path, "set.queue"));
        }
        if (!a.language().isEmpty() && !config.prompts().containsKey(a.language())) {
          r.error(
              YamlLineIndex.join(path, "set.language"),
              "language '" + a.language() + "' has no declared prompts");
        }
      } else if (node instanceof MenuNode.Lookup l) {
        if (!l.by().equals("callerId") && !collected.contains(l.by())) {
          r.error(
              YamlLineIndex.join(path, "lookup"),
              "looks up by '"
                  + l.by()
                  + "' but no collect node sets that attribute (use callerId or a collected one)");
        }
      }
    }
  }

  private void checkQueue(String queue, String path) {
    if (queueIds != null && !queue.isEmpty() && !queueIds.contains(queue)) {
      r.error(
          path,
          "unknown queue '" + queue + "' (configured: " + new java.util.TreeSet<>(queueIds) + ")");
    }
  }
}
