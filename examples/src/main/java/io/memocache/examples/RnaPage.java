package io.memocache.examples;

import java.util.ArrayList;
import java.util.List;

/** A page of rows: mutable on purpose, to show that callers get their own copy. */
public final class RnaPage {
  private final int pageSize;
  private final int page;
  private final List<RnaRow> rows;

  /**
   * Creates a page.
   *
   * @param pageSize rows per page
   * @param page the page number, from 0
   * @param rows the rows, copied into a mutable list
   */
  public RnaPage(int pageSize, int page, List<RnaRow> rows) {
    this.pageSize = pageSize;
    this.page = page;
    this.rows = new ArrayList<>(rows);
  }

  /** Returns the rows per page. */
  public int pageSize() {
    return pageSize;
  }

  /** Returns the page number. */
  public int page() {
    return page;
  }

  /** Returns the rows: a mutable list that belongs to this page. */
  public List<RnaRow> rows() {
    return rows;
  }
}
