package io.tracer.agent.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the optional configuration file (JSON when named {@code *.json}, YAML otherwise) into flat settings: nested
 * objects join their keys with {@code .}, lists of scalars join their items with {@code ,}, and every key gets the
 * {@code otel.} prefix unless it already has it. A file that cannot be used is reported in one line and ignored as a
 * whole, so that the application still starts with the other sources.
 *
 * <p>Kept apart from {@link ConfigLoader} so that Jackson is loaded only when a file is actually named. The streaming
 * parser is used rather than a tree so that values keep the exact text written ({@code 1.10} stays {@code 1.10}).
 */
final class ConfigFileReader {

  static final int MAX_FILE_BYTES = 1024 * 1024;

  private static final String SETTING_PREFIX = "otel.";
  private static final int MAX_REASON_LENGTH = 200;

  private final String fileName;
  private final ConfigProblems problems;
  private final Map<String, String> settings = new LinkedHashMap<>();
  /** Told only once the whole file has parsed: a file ignored as a whole gets one line, not one per setting too. */
  private final Map<String, String> skippedSettings = new LinkedHashMap<>();

  private ConfigFileReader(String fileName, ConfigProblems problems) {
    this.fileName = fileName;
    this.problems = problems;
  }

  /** @return normalized {@code otel.*} keys and their values; empty when the file cannot be used */
  static Map<String, String> read(String fileName, ConfigProblems problems) {
    return new ConfigFileReader(fileName, problems).read();
  }

  private Map<String, String> read() {
    byte[] content;
    try {
      content = readAtMostLimitPlusOneByte(Paths.get(fileName));
    } catch (NoSuchFileException e) {
      return ignoreFile("does not exist");
    } catch (AccessDeniedException e) {
      return ignoreFile("cannot be read: permission denied");
    } catch (IOException | RuntimeException e) {
      return ignoreFile("cannot be read: " + oneLine(String.valueOf(e.getMessage())));
    }
    if (content.length > MAX_FILE_BYTES) {
      return ignoreFile("is larger than 1 MiB");
    }
    boolean json = fileName.toLowerCase(Locale.ROOT).endsWith(".json");
    JsonFactory format = json ? new JsonFactory() : new YAMLFactory();
    try (JsonParser parser = format.createParser(content)) {
      JsonToken top = parser.nextToken();
      if (top == null || (top == JsonToken.VALUE_NULL && parser.nextToken() == null)) {
        return ignoreFile("is empty");
      }
      if (top != JsonToken.START_OBJECT) {
        String found = top == JsonToken.START_ARRAY ? "a list" : "a single value";
        return ignoreFile("must hold an object of settings at the top level, not " + found);
      }
      readObject(parser, "");
      if (parser.nextToken() != null) {
        return ignoreFile("has more content after its top-level object (only one " + format.getFormatName()
            + " document is read)");
      }
      for (Map.Entry<String, String> skipped : skippedSettings.entrySet()) {
        problems.problem(skipped.getKey(), skipped.getValue());
      }
      return settings;
    } catch (IOException | RuntimeException e) {
      return ignoreFile("is not valid " + format.getFormatName() + ": " + parseFailure(e));
    }
  }

  /** Reads no further than needed to tell that a file is too large, even when it is a device or grows meanwhile. */
  private static byte[] readAtMostLimitPlusOneByte(Path path) throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = Files.newInputStream(path)) {
      int read;
      while (content.size() <= MAX_FILE_BYTES
          && (read = in.read(buffer, 0, Math.min(buffer.length, MAX_FILE_BYTES + 1 - content.size()))) != -1) {
        content.write(buffer, 0, read);
      }
    }
    return content.toByteArray();
  }

  private void readObject(JsonParser parser, String keyPrefix) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = keyPrefix + parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.START_OBJECT) {
        readObject(parser, key + ".");
      } else if (value == JsonToken.START_ARRAY) {
        readList(parser, key);
      } else if (isAlias(parser)) {
        unsupported(key, "is a YAML alias, which is not supported");
      } else if (value != JsonToken.VALUE_NULL) {
        settings.put(settingName(key), scalarText(parser, value));
      }
    }
  }

  private void readList(JsonParser parser, String key) throws IOException {
    StringBuilder joined = new StringBuilder();
    boolean onlyScalars = true;
    for (JsonToken item = parser.nextToken(); item != null && item != JsonToken.END_ARRAY; item = parser.nextToken()) {
      if (item == JsonToken.START_OBJECT || item == JsonToken.START_ARRAY || isAlias(parser)) {
        onlyScalars = false;
        parser.skipChildren();
      } else if (item != JsonToken.VALUE_NULL) {
        if (joined.length() > 0) {
          joined.append(',');
        }
        joined.append(scalarText(parser, item));
      }
    }
    if (onlyScalars) {
      settings.put(settingName(key), joined.toString());
    } else {
      unsupported(key, "is a list holding objects, lists or aliases; only lists of plain values are supported");
    }
  }

  /** Jackson's YAML parser hands an alias over as its anchor's name, which would silently become the value. */
  private static boolean isAlias(JsonParser parser) {
    return parser instanceof YAMLParser && ((YAMLParser) parser).isCurrentAlias();
  }

  /** YAML spells booleans several ways ({@code yes}, {@code True}); the typed getters accept true and false. */
  private static String scalarText(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_TRUE) {
      return "true";
    }
    if (token == JsonToken.VALUE_FALSE) {
      return "false";
    }
    return parser.getText();
  }

  private static String settingName(String key) {
    String normalized = TracerConfig.normalize(key);
    return normalized.startsWith(SETTING_PREFIX) ? normalized : SETTING_PREFIX + normalized;
  }

  private void unsupported(String key, String why) {
    // The subject differs from the key itself so that a bad value for the same key from another source is still told.
    skippedSettings.put(fileName + "#" + settingName(key),
        "configuration file " + fileName + ": " + key + " " + why + "; that setting is ignored");
  }

  private Map<String, String> ignoreFile(String why) {
    problems.problem(fileName, "configuration file " + fileName + " (" + ConfigLoader.CONFIG_FILE_KEY + ") " + why
        + "; it is ignored and the other configuration sources are used");
    return Collections.emptyMap();
  }

  private static String parseFailure(Exception e) {
    String reason = e instanceof MarkedYAMLException ? ((MarkedYAMLException) e).getProblem()
        : e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage()
        : e.getMessage();
    // Jackson names the input in nested locations; only the line and column mean something to the reader.
    String line = oneLine(String.valueOf(reason)).replaceAll("\\[Source: [^;]*; ", "[");
    JsonLocation location = e instanceof JsonProcessingException ? ((JsonProcessingException) e).getLocation() : null;
    if (location != null && location.getLineNr() > 0) {
      line += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
    return line;
  }

  private static String oneLine(String text) {
    String collapsed = text.replaceAll("\\s+", " ").trim();
    return collapsed.length() <= MAX_REASON_LENGTH ? collapsed : collapsed.substring(0, MAX_REASON_LENGTH) + "...";
  }
}
