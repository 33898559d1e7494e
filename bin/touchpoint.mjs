#!/usr/bin/env node
// `npx touchpoint ...`: runs the TypeScript CLI through tsx (installed with the project).
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
