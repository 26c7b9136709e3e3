package com.example.modular.sealed;

/** A mutable bean in a package the module does not open: memocache cannot copy it. */
public class Vault {
  private int secret;

  /**
   * Creates a vault.
   *
   * @param secret its content
   */
  public Vault(int secret) {
    this.secret = secret;
  }

  /**
   * Returns the content.
   *
   * @return the content
   */
  public int secret() {
    return secret;
  }
}
