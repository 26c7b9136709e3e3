package golden;

import io.memocache.Memo;

public abstract class Report {
  protected Report(String title) {}

  protected abstract String body(int page);

  @Memo
  public String render(int page) {
    return body(page);
  }
}
