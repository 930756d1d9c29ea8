package io.tracer.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent (SDK, exporters, ByteBuddy, Jackson, instrumentation modules) from the {@code inst/} folder of
 * tracer.jar, where class files are stored as {@code .classdata}: no application class loader and no classpath
 * scanner ever sees them, and the application's own versions of the same libraries never meet ours.
 *
 * <p>Its parent is the platform (Java 9+) or extension (Java 8) class loader: the JDK is visible, the application
 * is not.
 */
public final class AgentClassLoader extends ClassLoader {

  static {
    registerAsParallelCapable();
  }

  private static final String PREFIX = "inst/";

  private final JarFile jar;
  private final String jarUrl;
  private final ProtectionDomain protectionDomain;

  AgentClassLoader(JarFile jar, File jarFile) throws MalformedURLException {
    super(ClassLoader.getSystemClassLoader().getParent());
    this.jar = jar;
    URL location = jarFile.toURI().toURL();
    this.jarUrl = "jar:" + location + "!/";
    this.protectionDomain = new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
  }

  private byte[] classBytes(String className) {
    JarEntry entry = jar.getJarEntry(PREFIX + className.replace('.', '/') + ".classdata");
    if (entry == null) {
      return null;
    }
    InputStream in = null;
    try {
      in = jar.getInputStream(entry);
      ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(entry.getSize(), 512));
      byte[] buffer = new byte[8192];
      for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
        out.write(buffer, 0, read);
      }
      return out.toByteArray();
    } catch (IOException e) {
      return null;
    } finally {
      if (in != null) {
        try {
          in.close();
        } catch (IOException ignored) {
          // nothing left to do with a stream we only read
        }
      }
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classBytes(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    definePackageOf(name);
    return defineClass(name, bytes, 0, bytes.length, protectionDomain);
  }

  private void definePackageOf(String className) {
    int lastDot = className.lastIndexOf('.');
    if (lastDot <= 0) {
      return;
    }
    String packageName = className.substring(0, lastDot);
    if (getPackage(packageName) == null) {
      try {
        definePackage(packageName, null, null, null, null, null, null, null);
      } catch (IllegalArgumentException alreadyDefinedConcurrently) {
        // another thread defined it first: that is all we wanted
      }
    }
  }

  @Override
  protected URL findResource(String name) {
    String entryName = PREFIX + (name.endsWith(".class") ? name.substring(0, name.length() - 6) + ".classdata" : name);
    if (jar.getJarEntry(entryName) == null) {
      return null;
    }
    try {
      return new URL(jarUrl + entryName);
    } catch (MalformedURLException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null ? Collections.<URL>emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
  }

  @Override
  public String toString() {
    return "tracer agent class loader";
  }
}
