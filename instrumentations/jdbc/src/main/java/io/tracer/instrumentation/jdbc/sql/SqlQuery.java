package io.tracer.instrumentation.jdbc.sql;

/** What one pass over a statement learned: its text without values, and what it operates on. */
public final class SqlQuery {

  private final String sanitizedText;
  private final String operation;
  private final String collection;
  private final String storedProcedure;

  public SqlQuery(String sanitizedText, String operation, String collection, String storedProcedure) {
    this.sanitizedText = sanitizedText;
    this.operation = operation;
    this.collection = collection;
    this.storedProcedure = storedProcedure;
  }

  /** Literals replaced by {@code ?}, comments gone, passwords masked, whitespace runs collapsed. */
  public String sanitizedText() {
    return sanitizedText;
  }

  /** The statement's first keyword in upper case ({@code SELECT}, {@code CALL}), or {@code null}. */
  public String operation() {
    return operation;
  }

  /** The one table the statement names, or {@code null} when it names none or several. */
  public String collection() {
    return collection;
  }

  /** The procedure of a {@code CALL}, or {@code null}. */
  public String storedProcedure() {
    return storedProcedure;
  }

  @Override
  public String toString() {
    return operation + " " + collection + " " + storedProcedure + ": " + sanitizedText;
  }
}
