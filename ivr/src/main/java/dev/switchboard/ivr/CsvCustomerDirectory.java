package dev.switchboard.ivr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A customer directory read once from a CSV file into memory. The first line names the columns;
 * {@code account} is required, {@code phone}, {@code name}, {@code tier} and {@code priority} are
 * recognised, any other column becomes a customer attribute. A VIP tier without an explicit
 * priority gets {@link #VIP_PRIORITY}. Fields are separated by commas and may be double-quoted
 * ({@code ""} inside quotes is a quote).
 */
public final class CsvCustomerDirectory implements CustomerDirectory {

  /** The priority of a {@code VIP} customer whose row gives none. */
  public static final int VIP_PRIORITY = 5;

  private final Map<String, Customer> byAccount;
  private final Map<String, Customer> byPhone;

  private CsvCustomerDirectory(List<Customer> customers) {
    Map<String, Customer> accounts = new HashMap<>();
    Map<String, Customer> phones = new HashMap<>();
    for (Customer c : customers) {
      accounts.put(c.account(), c);
      String digits = digits(c.phone());
      if (!digits.isEmpty()) {
        phones.put(digits, c);
      }
    }
    this.byAccount = Map.copyOf(accounts);
    this.byPhone = Map.copyOf(phones);
  }

  /** Reads the file; a malformed row fails the whole load with its line number. */
  public static CsvCustomerDirectory load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Parses CSV text; {@code source} names it in error messages. */
  public static CsvCustomerDirectory parse(String text, String source) {
    String[] lines = text.split("\r?\n", -1);
    if (lines.length == 0 || lines[0].isBlank()) {
      throw new IllegalArgumentException(source + ": line 1: missing the header line");
    }
    List<String> header = new ArrayList<>();
    for (String h : splitLine(lines[0], source, 1)) {
      header.add(h.trim().toLowerCase(Locale.ROOT));
    }
    int accountColumn = header.indexOf("account");
    if (accountColumn < 0) {
      throw new IllegalArgumentException(source + ": line 1: no 'account' column");
    }
    List<Customer> customers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      int lineNo = i + 1;
      List<String> fields = splitLine(lines[i], source, lineNo);
      if (fields.size() != header.size()) {
        throw new IllegalArgumentException(
            source
                + ": line "
                + lineNo
                + ": "
                + fields.size()
                + " fields, the header has "
                + header.size());
      }
      customers.add(toCustomer(header, fields, source, lineNo));
    }
    return new CsvCustomerDirectory(customers);
  }

  private static Customer toCustomer(
      List<String> header, List<String> fields, String source, int lineNo) {
    Map<String, String> attributes = new LinkedHashMap<>();
    String account = "";
    String phone = "";
    String name = "";
    String tier = "";
    String priorityText = "";
    for (int c = 0; c < header.size(); c++) {
      String value = fields.get(c).trim();
      switch (header.get(c)) {
        case "account" -> account = value;
        case "phone" -> phone = value;
        case "name" -> name = value;
        case "tier" -> tier = value;
        case "priority" -> priorityText = value;
        default -> attributes.put(header.get(c), value);
      }
    }
    if (account.isEmpty()) {
      throw new IllegalArgumentException(source + ": line " + lineNo + ": empty account");
    }
    int priority;
    if (priorityText.isEmpty()) {
      priority = tier.equalsIgnoreCase("VIP") ? VIP_PRIORITY : 0;
    } else {
      try {
        priority = Integer.parseInt(priorityText);
      } catch (NumberFormatException e) {
        priority = -1;
      }
      if (priority < 0) {
        throw new IllegalArgumentException(
            source + ": line " + lineNo + ": priority must be a number >= 0, got " + priorityText);
      }
    }
    return new Customer(account, phone, name, tier, priority, attributes);
  }

  static List<String> splitLine(String line, String source, int lineNo) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException(source + ": line " + lineNo + ": unclosed quote");
    }
    out.add(field.toString());
    return out;
  }

  /** How many customers it holds. */
  public int size() {
    return byAccount.size();
  }

  @Override
  public Optional<Customer> findByPhone(String phone) {
    String digits = digits(phone);
    return digits.isEmpty() ? Optional.empty() : Optional.ofNullable(byPhone.get(digits));
  }

  @Override
  public Optional<Customer> findByAccount(String account) {
    return account == null ? Optional.empty() : Optional.ofNullable(byAccount.get(account.trim()));
  }

  private static String digits(String phone) {
    if (phone == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(phone.length());
    for (int i = 0; i < phone.length(); i++) {
      char ch = phone.charAt(i);
      if (ch >= '0' && ch <= '9') {
        sb.append(ch);
      }
    }
    return sb.toString();
  }
}
