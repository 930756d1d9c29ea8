package io.tracer.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.instrumentation.api.TypeCandidates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import net.bytebuddy.matcher.ElementMatchers;
import org.junit.jupiter.api.Test;

class CandidateClassesTest {

  interface Watched {}

  interface Refined extends Watched {}

  abstract static class Base implements Refined {}

  static class Leaf extends Base {}

  static class Unrelated {}

  @Retention(RetentionPolicy.RUNTIME)
  @interface Traced {}

  static class Annotated {
    @Traced
    void work() {}
  }

  private static final ClassLoader LOADER = CandidateClassesTest.class.getClassLoader();

  @Test
  void aClassInheritingAWatchedTypeThroughClassesAndInterfacesIsACandidate() {
    CandidateClasses candidates = watching(TypeCandidates.extending(Watched.class.getName()));

    assertTrue(candidates.isCandidate(LOADER, internalName(Leaf.class), classFile(Leaf.class)));
    assertTrue(candidates.isCandidate(LOADER, internalName(Refined.class), classFile(Refined.class)));
    assertFalse(candidates.isCandidate(LOADER, internalName(Unrelated.class), classFile(Unrelated.class)));
  }

  @Test
  void theAnswerIsTheSameOnceTheHierarchyIsRemembered() {
    CandidateClasses candidates = watching(TypeCandidates.extending(Watched.class.getName()));
    candidates.isCandidate(LOADER, internalName(Base.class), classFile(Base.class));

    assertTrue(candidates.isCandidate(LOADER, internalName(Leaf.class), classFile(Leaf.class)));
    assertFalse(candidates.isCandidate(LOADER, internalName(Unrelated.class), classFile(Unrelated.class)));
  }

  @Test
  void namesAndNamePredicatesMatchTheBinaryName() {
    CandidateClasses candidates = watching(TypeCandidates.named(Unrelated.class.getName())
        .or(TypeCandidates.matching(name -> name.endsWith("$Leaf"))));

    assertTrue(candidates.isCandidate(LOADER, internalName(Unrelated.class), classFile(Unrelated.class)));
    assertTrue(candidates.isCandidate(LOADER, internalName(Leaf.class), classFile(Leaf.class)));
    assertFalse(candidates.isCandidate(LOADER, internalName(Base.class), classFile(Base.class)));
  }

  @Test
  void aClassFileThatNamesAnAnnotationIsACandidateForIt() {
    CandidateClasses candidates = watching(TypeCandidates.referencing(Traced.class.getName()));

    assertTrue(candidates.isCandidate(LOADER, internalName(Annotated.class), classFile(Annotated.class)));
    assertFalse(candidates.isCandidate(LOADER, internalName(Leaf.class), classFile(Leaf.class)));
  }

  @Test
  void aClassLoaderTheGateKeepsOutHasNoCandidates() {
    CandidateClasses candidates = new CandidateClasses();
    candidates.watch(TypeCandidates.extending(Watched.class.getName()), ElementMatchers.none());

    assertFalse(candidates.isCandidate(LOADER, internalName(Leaf.class), classFile(Leaf.class)));
  }

  @Test
  void aSuperTypeWhoseClassFileCannotBeFoundMakesACandidate() {
    CandidateClasses candidates = watching(TypeCandidates.extending(Watched.class.getName()));
    ClassLoader withoutResources = new ClassLoader(null) {
      @Override
      public URL getResource(String name) {
        return null;
      }

      @Override
      public Enumeration<URL> getResources(String name) {
        return Collections.emptyEnumeration();
      }

      @Override
      public InputStream getResourceAsStream(String name) {
        return null;
      }
    };

    assertTrue(candidates.isCandidate(withoutResources, internalName(Leaf.class), classFile(Leaf.class)));
  }

  @Test
  void loadedClassesAreJudgedFromTheirClassObjects() {
    CandidateClasses candidates = watching(TypeCandidates.extending(Watched.class.getName()));

    assertTrue(candidates.isCandidate(LOADER, Leaf.class));
    assertFalse(candidates.isCandidate(LOADER, Unrelated.class));
    assertFalse(candidates.isCandidate(null, Thread.class));
  }

  private static CandidateClasses watching(TypeCandidates watched) {
    CandidateClasses candidates = new CandidateClasses();
    candidates.watch(watched, ElementMatchers.any());
    return candidates;
  }

  private static String internalName(Class<?> type) {
    return type.getName().replace('.', '/');
  }

  private static byte[] classFile(Class<?> type) {
    try (InputStream in = LOADER.getResourceAsStream(internalName(type) + ".class")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      for (int read; (read = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, read);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
