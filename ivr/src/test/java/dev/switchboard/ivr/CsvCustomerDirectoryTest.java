package dev.switchboard.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvCustomerDirectoryTest {

  final CustomerDirectory directory = TestConfigs.customers();

  @Test
  void shouldFindByAccountAndByPhoneDigits() {
    assertThat(directory.findByAccount("1234567"))
        .get()
        .extracting(Customer::name)
        .isEqualTo("Ada Lovelace");
    assertThat(directory.findByPhone("+33611223344"))
        .get()
        .extracting(Customer::account)
        .isEqualTo("1234567");
    assertThat(directory.findByPhone("06 11 22 33 55"))
        .get()
        .extracting(Customer::tier)
        .isEqualTo("GOLD");
    assertThat(directory.findByPhone("")).isEmpty();
    assertThat(directory.findByAccount("nope")).isEmpty();
  }

  @Test
  void shouldGiveAVipWithoutPriorityTheVipPriority() {
    assertThat(directory.findByAccount("1234567").orElseThrow().priority())
        .isEqualTo(CsvCustomerDirectory.VIP_PRIORITY);
    assertThat(directory.findByAccount("7654321").orElseThrow().priority()).isEqualTo(2);
    assertThat(directory.findByAccount("1234567").orElseThrow().attributes())
        .containsEntry("segment", "enterprise");
  }

  @Test
  void shouldReadQuotedFields() {
    CsvCustomerDirectory d =
        CsvCustomerDirectory.parse("account,name\n\"42\",\"Doe, \"\"JD\"\" John\"\n", "t.csv");
    assertThat(d.findByAccount("42").orElseThrow().name()).isEqualTo("Doe, \"JD\" John");
  }

  @Test
  void shouldRefuseMalformedRowsWithTheirLine() {
    assertThatThrownBy(() -> CsvCustomerDirectory.parse("account,priority\n1,2\n3,x\n", "t.csv"))
        .hasMessage("t.csv: line 3: priority must be a number >= 0, got x");
    assertThatThrownBy(() -> CsvCustomerDirectory.parse("account,name\n1\n", "t.csv"))
        .hasMessage("t.csv: line 2: 1 fields, the header has 2");
    assertThatThrownBy(() -> CsvCustomerDirectory.parse("name\nx\n", "t.csv"))
        .hasMessage("t.csv: line 1: no 'account' column");
  }
}
