/** The `salesforce-session-lint` bin on ESLint 8.57: see cli-matrix.ts. */
import { describeCli } from './cli-matrix';

describeCli(8);
