package dev.assay.cli.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes written here come out as characters on a {@link Writer} (the command's stdout), decoded as they
 * arrive with fixed buffers, so a streamed export reaches stdout without ever being held whole. A character
 * split across two writes is kept until its last byte arrives.
 */
public final class WriterOutputStream extends OutputStream {
  private final Writer out;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final ByteBuffer bytes = ByteBuffer.allocate(8192);
  private final CharBuffer chars = CharBuffer.allocate(8192);

  public WriterOutputStream(Writer out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      int n = Math.min(bytes.remaining(), len);
      bytes.put(b, off, n);
      off += n;
      len -= n;
      bytes.flip();
      decode(false);
      bytes.compact();
    }
  }

  private void decode(boolean endOfInput) throws IOException {
    while (true) {
      CoderResult result = decoder.decode(bytes, chars, endOfInput);
      drain();
      if (result.isUnderflow()) {
        return;
      }
    }
  }

  private void drain() throws IOException {
    chars.flip();
    out.write(chars.array(), chars.arrayOffset() + chars.position(), chars.remaining());
    chars.clear();
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Decodes what is left (an incomplete last character becomes U+FFFD) and flushes; the writer stays open. */
  @Override
  public void close() throws IOException {
    bytes.flip();
    decode(true);
    decoder.flush(chars);
    drain();
    bytes.clear();
    out.flush();
  }
}
