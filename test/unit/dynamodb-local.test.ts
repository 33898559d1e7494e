import { afterEach, describe, expect, it } from 'vitest';
import { assertJavaAvailable, JavaMissingError } from '../../local/dynamodb-local.ts';

describe('DynamoDB Local launcher', () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  it('says in one line how to install Java when it is missing', () => {
    process.env.PATH = '/nonexistent';
    expect(() => assertJavaAvailable()).toThrow(JavaMissingError);
    expect(() => assertJavaAvailable()).toThrow(/apt-get install -y openjdk-17-jre-headless/);
  });

  it('finds the Java on this machine', () => {
    expect(() => assertJavaAvailable()).not.toThrow();
  });
});
