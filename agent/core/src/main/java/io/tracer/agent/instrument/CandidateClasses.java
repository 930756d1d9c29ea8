package io.tracer.agent.instrument;

import io.tracer.instrumentation.api.TypeCandidates;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Which loaded classes any enabled type instrumentation could match, told from the class's name and its class
 * file's header alone. Most classes a JVM loads are nobody's candidate; ByteBuddy never sees them, so it never
 * parses their methods nor the class files of their super types. Per class loader it keeps what the gates of
 * that loader let through and, for every non-final type it has read, which of the watched super types the type
 * is or inherits from (one bit each), so a hierarchy is read once per loader, not once per class.
 */
final class CandidateClasses {

  /** A type whose class file could not be read: any instrumentation might match what inherits from it. */
  private static final long UNKNOWN = -1L;
  /** Types remembered per class loader; beyond it a hierarchy is read again rather than kept. */
  private static final int REMEMBERED_TYPES = 20_000;
  private static final int DEEPEST_HIERARCHY = 100;

  private final List<Gated> instrumentations = new ArrayList<>();
  private final Map<String, Long> superTypeBits = new LinkedHashMap<>();
  private final Map<ClassLoader, LoaderView> views = new WeakHashMap<>();
  private volatile LoaderView bootView;
  private volatile LoaderView lastView;

  /** Adds a type instrumentation's candidates, behind its class loader gate; only before the first question. */
  void watch(TypeCandidates candidates, ElementMatcher<ClassLoader> gate) {
    long bits = 0;
    for (String superType : candidates.superTypes()) {
      bits |= bitOf(superType.replace('.', '/'));
    }
    instrumentations.add(new Gated(candidates, gate, bits));
  }

  /** Past 63 watched names the rest share the last bit: a few more candidates, never a missed one. */
  private long bitOf(String internalName) {
    Long bit = superTypeBits.get(internalName);
    if (bit == null) {
      bit = 1L << Math.min(superTypeBits.size(), 63);
      superTypeBits.put(internalName, bit);
    }
    return bit;
  }

  boolean isCandidate(ClassLoader loader, String internalName, byte[] classFile) {
    LoaderView view = viewOf(loader);
    if (view.names.contains(internalName)) {
      return true;
    }
    if (!view.namePredicates.isEmpty()) {
      String binaryName = internalName.replace('/', '.');
      for (TypeCandidates.NamePredicate predicate : view.namePredicates) {
        if (predicate.matches(binaryName)) {
          return true;
        }
      }
    }
    for (byte[] reference : view.references) {
      if (contains(classFile, reference)) {
        return true;
      }
    }
    return view.superTypeMask != 0 && (superTypes(view, loader, internalName, classFile, 0) & view.superTypeMask) != 0;
  }

  /** The same question about a class already loaded, which ByteBuddy would retransform if it matched. */
  boolean isCandidate(ClassLoader loader, Class<?> type) {
    LoaderView view = viewOf(loader);
    if (view.names.contains(type.getName().replace('.', '/')) || !view.references.isEmpty()) {
      return true;
    }
    for (TypeCandidates.NamePredicate predicate : view.namePredicates) {
      if (predicate.matches(type.getName())) {
        return true;
      }
    }
    return view.superTypeMask != 0 && (superTypes(view, type) & view.superTypeMask) != 0;
  }

  private long superTypes(LoaderView view, Class<?> type) {
    String internalName = type.getName().replace('.', '/');
    Long known = view.superTypes.get(internalName);
    if (known != null) {
      return known;
    }
    Long own = superTypeBits.get(internalName);
    long bits = own == null ? 0 : own;
    if (type.getSuperclass() != null) {
      bits |= superTypes(view, type.getSuperclass());
    }
    for (Class<?> implemented : type.getInterfaces()) {
      bits |= superTypes(view, implemented);
    }
    if (view.superTypes.size() < REMEMBERED_TYPES) {
      view.superTypes.putIfAbsent(internalName, bits);
    }
    return bits;
  }

  private LoaderView viewOf(ClassLoader loader) {
    if (loader == null) {
      LoaderView boot = bootView;
      if (boot == null) {
        boot = newView(null);
        bootView = boot;
      }
      return boot;
    }
    LoaderView last = lastView;
    if (last != null && last.loader.get() == loader) {
      return last;
    }
    LoaderView view;
    synchronized (views) {
      view = views.get(loader);
      if (view == null) {
        view = newView(loader);
        views.put(loader, view);
      }
    }
    lastView = view;
    return view;
  }

  private LoaderView newView(ClassLoader loader) {
    LoaderView view = new LoaderView(loader);
    for (Gated instrumentation : instrumentations) {
      if (instrumentation.gate.matches(loader)) {
        view.add(instrumentation);
      }
    }
    return view;
  }

  /** The watched-type bits of {@code internalName} and everything it inherits from, as seen from {@code loader}. */
  private long superTypes(LoaderView view, ClassLoader loader, String internalName, byte[] classFile, int depth) {
    Long known = view.superTypes.get(internalName);
    if (known != null) {
      return known;
    }
    byte[] bytes = classFile != null ? classFile : read(loader, internalName);
    long bits;
    boolean remember;
    if (bytes == null || depth > DEEPEST_HIERARCHY) {
      bits = UNKNOWN;
      remember = bytes == null;
    } else {
      ClassReader header;
      try {
        header = OpenedClassReader.of(bytes);
      } catch (RuntimeException malformed) {
        return UNKNOWN;
      }
      Long own = superTypeBits.get(internalName);
      bits = own == null ? 0 : own;
      String superName = header.getSuperName();
      if (superName != null) {
        bits |= superTypes(view, loader, superName, null, depth + 1);
      }
      for (String interfaceName : header.getInterfaces()) {
        bits |= superTypes(view, loader, interfaceName, null, depth + 1);
      }
      // a final class is nobody's super type: asking about it again would mean it is being loaded twice
      remember = (header.getAccess() & (Opcodes.ACC_FINAL | Opcodes.ACC_INTERFACE)) != Opcodes.ACC_FINAL;
    }
    if (remember && view.superTypes.size() < REMEMBERED_TYPES) {
      view.superTypes.putIfAbsent(internalName, bits);
    }
    return bits;
  }

  private static byte[] read(ClassLoader loader, String internalName) {
    try {
      ClassFileLocator.Resolution resolution = ClassFileLocator.ForClassLoader.of(loader)
          .locate(internalName.replace('/', '.'));
      return resolution.isResolved() ? resolution.resolve() : null;
    } catch (Exception | LinkageError unreadable) {
      return null;
    }
  }

  private static boolean contains(byte[] bytes, byte[] part) {
    byte first = part[0];
    for (int i = 0, last = bytes.length - part.length; i <= last; i++) {
      if (bytes[i] == first) {
        int j = 1;
        while (j < part.length && bytes[i + j] == part[j]) {
          j++;
        }
        if (j == part.length) {
          return true;
        }
      }
    }
    return false;
  }

  private static final class Gated {
    final TypeCandidates candidates;
    final ElementMatcher<ClassLoader> gate;
    final long superTypeBits;

    Gated(TypeCandidates candidates, ElementMatcher<ClassLoader> gate, long superTypeBits) {
      this.candidates = candidates;
      this.gate = gate;
      this.superTypeBits = superTypeBits;
    }
  }

  /** What the instrumentations whose gate lets a class loader through look for in its classes. */
  private static final class LoaderView {
    final WeakReference<ClassLoader> loader;
    final Set<String> names = new HashSet<>();
    final List<TypeCandidates.NamePredicate> namePredicates = new ArrayList<>();
    final List<byte[]> references = new ArrayList<>();
    long superTypeMask;
    final Map<String, Long> superTypes = new ConcurrentHashMap<>();

    LoaderView(ClassLoader loader) {
      this.loader = new WeakReference<>(loader);
      superTypes.put("java/lang/Object", 0L);
    }

    void add(Gated instrumentation) {
      for (String name : instrumentation.candidates.names()) {
        names.add(name.replace('.', '/'));
      }
      namePredicates.addAll(instrumentation.candidates.namePredicates());
      for (String type : instrumentation.candidates.referencedTypes()) {
        references.add(type.replace('.', '/').getBytes(StandardCharsets.UTF_8));
      }
      superTypeMask |= instrumentation.superTypeBits;
    }
  }
}
