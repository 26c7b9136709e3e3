package io.memocache.spring.beans;

import io.memocache.Memo;

/** A final class: Ledger_Cached is a delegate, which the application declares as a bean itself. */
public final class Ledger {
  @Memo
  public long balance(String account) {
    return account.length();
  }
}
