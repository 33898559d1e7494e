import { afterEach, describe, expect, it, vi } from 'vitest';
import { assertJavaAvailable, JavaMissingError, startDynamoDbLocal } from '../../local/dynamodb-local.ts';

describe('DynamoDB Local launcher', () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
    vi.unstubAllEnvs();
  });

  it('says in one line how to install Java when it is missing', () => {
    process.env.PATH = '/nonexistent';
    expect(() => assertJavaAvailable()).toThrow(JavaMissingError);
    expect(() => assertJavaAvailable()).toThrow(/apt-get install -y openjdk-17-jre-headless/);
  });

  it('finds the Java on this machine', () => {
    expect(() => assertJavaAvailable()).not.toThrow();
  });

  it('still starts on a Java without a compiler (a minimal JRE), saying it cannot keep to 127.0.0.1', async () => {
    // What a jlinked JRE looks like to the launcher: no jdk.compiler module for source-file mode.
    vi.stubEnv('JDK_JAVA_OPTIONS', '--limit-modules java.se,jdk.unsupported');
    const db = await startDynamoDbLocal();
    try {
      expect(db.loopbackOnly).toBe(false);
      expect((await fetch(db.endpoint, { method: 'POST' })).status).toBe(400);
    } finally {
      await db.stop();
    }
  });
});
