// Python versions as the sidecar reports them ("3.12.1", "3.13", "3.13.0rc1", "3.13t", "2.7.18") ordered by number.
// Compared as strings, "3.10" comes before "3.6" and "3.9"; every list that orders Python versions or interpreters
// for display uses these comparators instead.

/** Pre-release phases in release order; a final release comes after all of them. */
const phases = ['a', 'b', 'rc'] as const;
export type PreReleasePhase = (typeof phases)[number];

export interface PythonVersion {
    major: number;
    minor: number;
    /** 0 when the text gives only X.Y ("3.13"): it then ranks with X.Y.0. */
    patch: number;
    /** Absent for a final release. */
    preRelease?: { phase: PreReleasePhase; serial: number };
    /** The free-threaded build ("3.13t"). */
    freeThreaded: boolean;
}

// X[.Y[.Z]], then a pre-release either PEP 440 style ("rc1", "a2") or sys.version_info style (".candidate.1",
// ".final.0", as virtualenv and uv write version_info), a "+" of a build from source, and "t" of a free-threaded one.
const pattern = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.?(a|alpha|b|beta|c|rc|candidate|final)\.?(\d+)?)?\+?(t)?$/i;
const phaseNames: Record<string, PreReleasePhase | undefined> = { a: 'a', alpha: 'a', b: 'b', beta: 'b', c: 'rc', rc: 'rc', candidate: 'rc' };

/** The version in `text`, or undefined when it is absent or not a Python version. */
export function parsePythonVersion(text: string | null | undefined): PythonVersion | undefined {
    const match = pattern.exec(text?.trim() ?? '');
    if (!match) {
        return undefined;
    }
    const [, major, minor, patch, phaseName, serial, t] = match;
    const phase = phaseName ? phaseNames[phaseName.toLowerCase()] : undefined;
    return {
        major: Number(major),
        minor: Number(minor ?? 0),
        patch: Number(patch ?? 0),
        preRelease: phase ? { phase, serial: Number(serial ?? 0) } : undefined,
        freeThreaded: t !== undefined,
    };
}

/**
 * Sort comparator: newest version first (3.13 > 3.12.1 > 3.10 > 3.9 > 3.6 > 2.7.18; a final release before its
 * release candidates), the default build before the free-threaded one of the same version, and absent or unreadable
 * versions last. Equal versions compare 0, so callers chain their own tiebreak.
 */
export function newestVersionFirst(a: string | null | undefined, b: string | null | undefined): number {
    const left = parsePythonVersion(a);
    const right = parsePythonVersion(b);
    if (!left || !right) {
        return (left ? 0 : 1) - (right ? 0 : 1);
    }
    return (
        right.major - left.major ||
        right.minor - left.minor ||
        right.patch - left.patch ||
        releaseRank(right) - releaseRank(left) ||
        (right.preRelease?.serial ?? 0) - (left.preRelease?.serial ?? 0) ||
        Number(left.freeThreaded) - Number(right.freeThreaded)
    );
}

function releaseRank(version: PythonVersion): number {
    return version.preRelease ? phases.indexOf(version.preRelease.phase) : phases.length;
}

/** What ordering a base interpreter needs; BaseInterpreter from the protocol fits. */
export interface VersionedInterpreter {
    executable: string;
    version?: string | null;
    source?: string | null;
}

/**
 * Base interpreters as lists show them: grouped by source (pyenv, system, uv…) as the sidecar lists them, an unknown
 * source last, then newest version first, then by path so the order is stable.
 */
export function compareBaseInterpreters(a: VersionedInterpreter, b: VersionedInterpreter): number {
    return compareSources(a.source, b.source) || newestVersionFirst(a.version, b.version) || a.executable.localeCompare(b.executable);
}

function compareSources(a: string | null | undefined, b: string | null | undefined): number {
    return a && b ? a.localeCompare(b) : (a ? 0 : 1) - (b ? 0 : 1);
}
