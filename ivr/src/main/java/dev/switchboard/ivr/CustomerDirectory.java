package dev.switchboard.ivr;

import java.util.Optional;

/**
 * Finds customers by the number they call from or by their account number. Implementations are
 * called from IVR session threads and must be thread-safe; they should answer from memory.
 */
public interface CustomerDirectory {

  /** The customer calling from this number (compared digit by digit), if known. */
  Optional<Customer> findByPhone(String phone);

  /** The customer with this account number, if known. */
  Optional<Customer> findByAccount(String account);

  /** A directory that knows nobody. */
  CustomerDirectory EMPTY =
      new CustomerDirectory() {
        @Override
        public Optional<Customer> findByPhone(String phone) {
          return Optional.empty();
        }

        @Override
        public Optional<Customer> findByAccount(String account) {
          return Optional.empty();
        }
      };
}
