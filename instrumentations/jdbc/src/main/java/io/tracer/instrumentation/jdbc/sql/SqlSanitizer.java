package io.tracer.instrumentation.jdbc.sql;

import java.util.Locale;

/**
 * One hand-written pass over a SQL statement: literals (numbers, strings, hex and bit strings, {@code E''} and
 * dollar-quoted strings) become {@code ?}, {@code IN (?, ?, ?)} becomes {@code IN (?)}, comments go, passwords
 * after {@code IDENTIFIED BY} and {@code PASSWORD =} are masked; on the way it notes the operation (the first
 * keyword) and the table, when the statement names exactly one. A statement longer than {@code maxLength} is
 * read only up to that length, and its text ends with {@code ...}.
 */
public final class SqlSanitizer {

  private static final String TRUNCATED = "...";

  private SqlSanitizer() {}

  public static SqlQuery sanitize(String sql, SqlDialect dialect, int maxLength) {
    return new Pass(sql, dialect, Math.min(sql.length(), maxLength), false).run();
  }

  /**
   * A driver's error message treated like SQL, because drivers quote statements and values in them
   * ({@code SQL statement: ...}, {@code Duplicate entry 'bob' for key ...}): literals become {@code ?}, and so do
   * PostgreSQL's unquoted value lists ({@code Key (email)=(?)}, {@code Failing row contains (?)}). An apostrophe
   * inside a word ({@code doesn't}) is read as one, not as the start of a string.
   */
  public static String sanitizeMessage(String message, SqlDialect dialect, int maxLength) {
    return new Pass(message, dialect, Math.min(message.length(), maxLength), true).run().sanitizedText();
  }

  /** The state of one pass; every token is read once, left to right. */
  private static final class Pass {
    private static final int WORD = 0;
    private static final int QUOTED_NAME = 1;
    private static final int LITERAL = 2;
    private static final int PLACEHOLDER = 3;
    private static final int PUNCTUATION = 4;
    private static final int OTHER = 5;

    /** What a name read after a keyword is: a table that may turn out a function, a table, a procedure. */
    private static final int TABLE_OR_FUNCTION = 1;
    private static final int TABLE = 2;
    private static final int PROCEDURE = 3;

    private static final int MAX_TRACKED_DEPTH = 63;

    private final String sql;
    private final SqlDialect dialect;
    private final int end;
    private final boolean prose;
    private final StringBuilder out;
    private int pos;
    private boolean pendingSpace;

    private int words;
    private String operation;
    private boolean operationAfterWith;
    private String collection;
    private boolean severalCollections;
    private String storedProcedure;

    private int depth;
    /** Bit {@code d}: parentheses at depth {@code d} hold a query (depth 0 always does). */
    private long queryDepths = 1L;
    private boolean parenthesisJustOpened;

    private int expectedName;
    private int nameKind;
    private StringBuilder name;
    private boolean nameAwaitsPart;
    private int fromListDepth = -1;

    private boolean afterIn;
    private int inListStart = -1;
    private int inListDepth;
    private int inListValues;

    private int identifiedCountdown;
    private boolean afterIdentifiedPassword;
    private boolean afterPasswordKeyword;
    private boolean maskNext;
    private String lastText;

    Pass(String sql, SqlDialect dialect, int end, boolean prose) {
      this.sql = sql;
      this.dialect = dialect;
      this.end = end;
      this.prose = prose;
      this.out = new StringBuilder(Math.min(end, 256));
    }

    SqlQuery run() {
      while (pos < end) {
        char c = sql.charAt(pos);
        if (Character.isWhitespace(c)) {
          pos++;
          pendingSpace = true;
        } else if (c == '-' && next(1) == '-' || c == '#' && dialect == SqlDialect.MYSQL) {
          skipLineComment();
        } else if (c == '/' && next(1) == '*') {
          skipBlockComment();
        } else if (c == '\'') {
          string('\'', dialect == SqlDialect.MYSQL);
        } else if (c == '"') {
          if (dialect == SqlDialect.MYSQL) {
            string('"', true);
          } else {
            quotedName('"');
          }
        } else if (c == '`') {
          quotedName('`');
        } else if (c == '$' && dialect == SqlDialect.STANDARD) {
          dollar();
        } else if (isDigit(c) || c == '.' && isDigit(next(1))) {
          number();
        } else if (isWordStart(c)) {
          word();
        } else if (c == '(' && prose && introducesValues()) {
          parenthesizedValues();
        } else if (c == '?') {
          pos++;
          token(PLACEHOLDER, "?", null);
        } else {
          pos++;
          token(PUNCTUATION, String.valueOf(c), null);
        }
      }
      if (name != null) {
        endName(null);
      }
      if (end < sql.length()) {
        out.append(TRUNCATED);
      }
      String collectionName = severalCollections ? null : collection;
      return new SqlQuery(out.toString(), operation, collectionName, storedProcedure);
    }

    /** PostgreSQL's {@code Key (email)=(bob@example.com)} and {@code Failing row contains (1, bob, ...)}. */
    private boolean introducesValues() {
      return "=".equals(lastText) || "contains".equalsIgnoreCase(lastText);
    }

    private void parenthesizedValues() {
      int nesting = 0;
      while (pos < end) {
        char c = sql.charAt(pos++);
        if (c == '(') {
          nesting++;
        } else if (c == ')' && --nesting == 0) {
          break;
        }
      }
      token(LITERAL, "(?)", null);
    }

    private char next(int ahead) {
      int index = pos + ahead;
      return index < end ? sql.charAt(index) : '\0';
    }

    private void skipLineComment() {
      while (pos < end && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
        pos++;
      }
      pendingSpace = true;
    }

    /** Standard SQL nests block comments (PostgreSQL does); MySQL ends at the first close. */
    private void skipBlockComment() {
      pos += 2;
      int nesting = 1;
      while (pos < end && nesting > 0) {
        char c = sql.charAt(pos);
        if (c == '*' && next(1) == '/') {
          nesting--;
          pos += 2;
        } else if (c == '/' && next(1) == '*' && dialect == SqlDialect.STANDARD) {
          nesting++;
          pos += 2;
        } else {
          pos++;
        }
      }
      pendingSpace = true;
    }

    /** From the opening quote to the closing one; a doubled quote is part of the string, as is an escaped one. */
    private void string(char quote, boolean backslashEscapes) {
      pos++;
      while (pos < end) {
        char c = sql.charAt(pos);
        if (c == '\\' && backslashEscapes) {
          pos += 2;
        } else if (c == quote) {
          if (next(1) == quote) {
            pos += 2;
          } else {
            pos++;
            break;
          }
        } else {
          pos++;
        }
      }
      pos = Math.min(pos, end);
      token(LITERAL, "?", null);
    }

    private void quotedName(char quote) {
      int start = pos;
      pos++;
      StringBuilder content = new StringBuilder();
      while (pos < end) {
        char c = sql.charAt(pos);
        if (c == quote) {
          if (next(1) == quote) {
            content.append(c);
            pos += 2;
            continue;
          }
          pos++;
          break;
        }
        content.append(c);
        pos++;
      }
      token(QUOTED_NAME, sql.substring(start, pos), content.toString());
    }

    /** {@code $1} is a parameter, {@code $$...$$} and {@code $tag$...$tag$} are strings. */
    private void dollar() {
      int tagEnd = pos + 1;
      if (tagEnd < end && isDigit(sql.charAt(tagEnd))) {
        while (tagEnd < end && isDigit(sql.charAt(tagEnd))) {
          tagEnd++;
        }
        int start = pos;
        pos = tagEnd;
        token(OTHER, sql.substring(start, tagEnd), null);
        return;
      }
      while (tagEnd < end && isWordPart(sql.charAt(tagEnd)) && sql.charAt(tagEnd) != '$') {
        tagEnd++;
      }
      if (tagEnd >= end || sql.charAt(tagEnd) != '$') {
        pos++;
        token(PUNCTUATION, "$", null);
        return;
      }
      String tag = sql.substring(pos, tagEnd + 1);
      int close = sql.indexOf(tag, tagEnd + 1);
      pos = close < 0 || close + tag.length() > end ? end : close + tag.length();
      token(LITERAL, "?", null);
    }

    /** Oracle's {@code q'[it's]'}: the character after the quote picks the closing one. */
    private void oracleQuote() {
      char open = sql.charAt(pos + 1);
      char close = open == '[' ? ']' : open == '{' ? '}' : open == '<' ? '>' : open == '(' ? ')' : open;
      pos += 2;
      while (pos < end && !(sql.charAt(pos) == close && next(1) == '\'')) {
        pos++;
      }
      pos = Math.min(pos + 2, end);
      token(LITERAL, "?", null);
    }

    private boolean isOracleQuotePrefix(int start, int quote) {
      if (dialect != SqlDialect.STANDARD) {
        return false;
      }
      int length = quote - start;
      char last = sql.charAt(quote - 1);
      return (last == 'q' || last == 'Q')
          && (length == 1 || length == 2 && "Nn".indexOf(sql.charAt(start)) >= 0);
    }

    private void number() {
      if (sql.charAt(pos) == '0' && (next(1) == 'x' || next(1) == 'X' || next(1) == 'b' || next(1) == 'B')) {
        pos += 2;
        while (pos < end && isWordPart(sql.charAt(pos))) {
          pos++;
        }
      } else {
        while (pos < end) {
          char c = sql.charAt(pos);
          if (isDigit(c) || c == '.' || c == '_' && isDigit(next(1))) {
            pos++;
          } else if ((c == 'e' || c == 'E') && (isDigit(next(1))
              || (next(1) == '+' || next(1) == '-') && isDigit(next(2)))) {
            pos += 2;
          } else {
            break;
          }
        }
      }
      token(LITERAL, "?", null);
    }

    private void word() {
      int start = pos;
      while (pos < end && isWordPart(sql.charAt(pos))) {
        pos++;
      }
      if (pos - start == 1 && pos < end && sql.charAt(pos) == '\'' && "EeNnXxBb".indexOf(sql.charAt(start)) >= 0) {
        boolean escapes = dialect == SqlDialect.MYSQL || sql.charAt(start) == 'E' || sql.charAt(start) == 'e';
        string('\'', escapes);
        return;
      }
      if (pos < end - 1 && sql.charAt(pos) == '\'' && isOracleQuotePrefix(start, pos)) {
        oracleQuote();
        return;
      }
      if (prose && pos + 1 < end && sql.charAt(pos) == '\'' && Character.isLetter(sql.charAt(pos + 1))) {
        pos++;
        while (pos < end && isWordPart(sql.charAt(pos))) {
          pos++;
        }
      }
      String text = sql.substring(start, pos);
      token(WORD, text, text.toUpperCase(Locale.ROOT));
    }

    /**
     * @param value for a word its upper-case form, for a quoted name its content: what keywords and names are
     *     compared with; {@code null} otherwise
     */
    private void token(int kind, String text, String value) {
      if (maskNext && kind != PUNCTUATION) {
        maskNext = false;
        kind = LITERAL;
        text = "?";
        value = null;
        afterIdentifiedPassword = identifiedCountdown < 0;
        identifiedCountdown = 0;
      } else if (kind == WORD && afterIdentifiedPassword) {
        afterIdentifiedPassword = false;
        maskNext = "REPLACE".equals(value);
      }
      if (afterPasswordKeyword) {
        afterPasswordKeyword = false;
        if (kind == QUOTED_NAME) {
          kind = LITERAL;
          text = "?";
          value = null;
        } else if ("=".equals(text)) {
          maskNext = true;
        }
      }
      if (pendingSpace && out.length() > 0) {
        out.append(' ');
      }
      pendingSpace = false;
      int tokenStart = out.length();
      out.append(text);
      lastText = text;

      if (name != null) {
        if (extendsName(kind, text)) {
          return;
        }
        endName(text);
      }
      if (parenthesisJustOpened) {
        parenthesisJustOpened = false;
        if (kind == WORD && ("SELECT".equals(value) || "WITH".equals(value)) && depth <= MAX_TRACKED_DEPTH) {
          queryDepths |= 1L << depth;
        }
      }
      inList(kind, text, tokenStart);
      if (kind == WORD) {
        keyword(value, text);
      } else if (kind == QUOTED_NAME) {
        nameToken(value);
      } else if (kind == PUNCTUATION) {
        punctuation(text.charAt(0));
      } else {
        expectedName = 0;
      }
    }

    private void keyword(String upper, String text) {
      words++;
      if (words == 1) {
        if ("WITH".equals(upper)) {
          operationAfterWith = true;
        } else {
          operation(upper);
        }
        return;
      }
      if (operationAfterWith && depth == 0 && isDataOperation(upper)) {
        operationAfterWith = false;
        operation(upper);
        return;
      }
      passwords(upper);
      afterIn = "IN".equals(upper);
      if (expectedName != 0) {
        if (!isNameModifier(upper)) {
          nameToken(text);
        }
        return;
      }
      if (!isQueryDepth()) {
        return;
      }
      if ("FROM".equals(upper)) {
        expectedName = TABLE_OR_FUNCTION;
        fromListDepth = depth;
      } else if ("JOIN".equals(upper) || "USING".equals(upper)) {
        expectedName = TABLE_OR_FUNCTION;
      } else if ("INTO".equals(upper)) {
        expectedName = TABLE;
      } else if ("TABLE".equals(upper) && isTableOperation()) {
        expectedName = TABLE;
      } else if (fromListDepth == depth && endsFromList(upper)) {
        fromListDepth = -1;
      }
    }

    private void operation(String upper) {
      operation = upper;
      if ("UPDATE".equals(upper) || "TRUNCATE".equals(upper)) {
        expectedName = TABLE;
      } else if ("CALL".equals(upper) || "EXEC".equals(upper) || "EXECUTE".equals(upper)) {
        expectedName = PROCEDURE;
      }
    }

    private void passwords(String upper) {
      if ("IDENTIFIED".equals(upper)) {
        identifiedCountdown = 4;
      } else if (identifiedCountdown > 0) {
        if ("BY".equals(upper) || "AS".equals(upper)) {
          identifiedCountdown = -1;
          maskNext = true;
        } else {
          identifiedCountdown--;
        }
      } else if ("PASSWORD".equals(upper)) {
        afterPasswordKeyword = true;
      }
    }

    private void nameToken(String part) {
      if (expectedName == 0) {
        return;
      }
      nameKind = expectedName;
      expectedName = 0;
      name = new StringBuilder(part);
      nameAwaitsPart = false;
    }

    /** A qualified name goes on with a {@code .} and the part after it: {@code public.orders}. */
    private boolean extendsName(int kind, String text) {
      if (kind == PUNCTUATION && ".".equals(text) && !nameAwaitsPart) {
        name.append('.');
        nameAwaitsPart = true;
        return true;
      }
      if (nameAwaitsPart && (kind == WORD || kind == QUOTED_NAME)) {
        name.append(kind == QUOTED_NAME ? text.substring(1, text.length() - 1) : text);
        nameAwaitsPart = false;
        return true;
      }
      return false;
    }

    /** @param following the token after the name: after {@code FROM}, a {@code (} makes it a function call */
    private void endName(String following) {
      String complete = name.toString();
      name = null;
      if (nameKind == PROCEDURE) {
        storedProcedure = complete;
      } else if (!(nameKind == TABLE_OR_FUNCTION && "(".equals(following))) {
        collection(complete);
      }
    }

    private void collection(String table) {
      if (collection == null) {
        collection = table;
      } else if (!collection.equals(table)) {
        severalCollections = true;
      }
    }

    private void punctuation(char c) {
      expectedName = 0;
      if (c == '(') {
        depth++;
        parenthesisJustOpened = true;
        if (depth <= MAX_TRACKED_DEPTH) {
          queryDepths &= ~(1L << depth);
        }
      } else if (c == ')') {
        if (depth > 0) {
          depth--;
        }
        if (fromListDepth > depth) {
          fromListDepth = -1;
        }
      } else if (c == ',' && fromListDepth == depth) {
        expectedName = TABLE_OR_FUNCTION;
      }
    }

    /** Remembers where {@code IN (} began; if only values and commas follow up to {@code )}, they become one. */
    private void inList(int kind, String text, int tokenStart) {
      if (inListStart >= 0) {
        if (kind == LITERAL || kind == PLACEHOLDER) {
          inListValues++;
          return;
        }
        if (kind == PUNCTUATION && (",".equals(text) || "-".equals(text) || "+".equals(text))) {
          return;
        }
        if (kind == PUNCTUATION && ")".equals(text) && depth == inListDepth && inListValues > 0) {
          out.setLength(inListStart);
          out.append("(?)");
        }
        inListStart = -1;
        return;
      }
      if (afterIn && kind == PUNCTUATION && "(".equals(text)) {
        inListStart = tokenStart;
        inListDepth = depth + 1;
        inListValues = 0;
      }
      if (kind != WORD) {
        afterIn = false;
      }
    }

    private boolean isQueryDepth() {
      return depth <= MAX_TRACKED_DEPTH && (queryDepths & (1L << depth)) != 0;
    }

    private boolean isTableOperation() {
      return "CREATE".equals(operation) || "DROP".equals(operation) || "ALTER".equals(operation)
          || "TRUNCATE".equals(operation) || "LOCK".equals(operation);
    }

    private static boolean isDataOperation(String upper) {
      return "SELECT".equals(upper) || "INSERT".equals(upper) || "UPDATE".equals(upper) || "DELETE".equals(upper)
          || "MERGE".equals(upper);
    }

    /** Words between a keyword and the name it introduces: {@code FROM ONLY t}, {@code DROP TABLE IF EXISTS t}. */
    private static boolean isNameModifier(String upper) {
      return "ONLY".equals(upper) || "LATERAL".equals(upper) || "IF".equals(upper) || "NOT".equals(upper)
          || "EXISTS".equals(upper) || "TABLE".equals(upper);
    }

    private static boolean endsFromList(String upper) {
      switch (upper) {
        case "WHERE":
        case "GROUP":
        case "ORDER":
        case "HAVING":
        case "LIMIT":
        case "OFFSET":
        case "UNION":
        case "EXCEPT":
        case "INTERSECT":
        case "WINDOW":
        case "FETCH":
        case "FOR":
        case "ON":
        case "SET":
        case "VALUES":
        case "RETURNING":
        case "SELECT":
          return true;
        default:
          return false;
      }
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '@' || c > 127 && Character.isLetter(c);
    }

    private static boolean isWordPart(char c) {
      return isWordStart(c) || isDigit(c) || c == '$';
    }
  }
}
