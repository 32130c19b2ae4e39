/**
 * Where the built-in labs (scenarios/) are, for the simulation worker to read.
 *
 * - Unpackaged (`npm start`, electron-vite dev), `app.getAppPath()` is the project folder, the one
 *   holding package.json, and scenarios/ sits beside it.
 * - Packaged, the code is inside `resources/app.asar`; the labs are not: electron-builder copies
 *   scenarios/ to `resources/scenarios` (`build.extraResources` in package.json), where they stay
 *   plain files a learner or an author can read, and `process.resourcesPath` is that folder.
 *
 * Pure, so the choice is tested without Electron (tests/electron/scenariosPath.test.ts also
 * checks that package.json's extraResources puts the folder where this looks).
 */
import { join } from 'node:path'

/** The folder's name in the project and in the packaged resources. */
export const SCENARIOS_FOLDER = 'scenarios'

export interface AppLocation {
  /** `app.isPackaged`. */
  isPackaged: boolean
  /** `app.getAppPath()`. */
  appPath: string
  /** `process.resourcesPath`. */
  resourcesPath: string
}

export function scenariosPath(location: AppLocation): string {
  return location.isPackaged
    ? join(location.resourcesPath, SCENARIOS_FOLDER)
    : join(location.appPath, SCENARIOS_FOLDER)
}
