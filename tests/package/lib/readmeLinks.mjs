// Where the links of the packaged README lead. The Marketplace and VS Code's Extensions view show the README from
// the VSIX, so an image must be in the package or in the repository (package.json's one `repository` URL), at a
// path the repository tracks; a link into the repository must name a tracked file or folder.
import { execFileSync } from 'node:child_process';
import { REPO } from './vsix.mjs';

/** Every link target of a Markdown text: { kind: 'image' | 'link', target }. */
export function linksOf(markdown) {
  const found = [];
  for (const [, bang, target] of markdown.matchAll(/(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    found.push({ kind: bang ? 'image' : 'link', target });
  }
  for (const [, target] of markdown.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/gi)) found.push({ kind: 'image', target });
  return found;
}

/** The repository path a URL names under REPOSITORY/{raw,blob,tree}/HEAD/, '' for the repository itself. */
export function repositoryPath(url, repository) {
  const bare = url.split('#')[0];
  if (bare === repository || bare === `${repository}/`) return '';
  const match = bare.startsWith(`${repository}/`) && bare.slice(repository.length + 1).match(/^(raw|blob|tree)\/HEAD\/(.+)$/);
  return match ? decodeURIComponent(match[2]) : undefined;
}

/** Whether git tracks this file, or a file under this folder, in the clone the tests run in. */
export function tracked(repoPath) {
  if (repoPath === '') return true;
  return execFileSync('git', ['-C', REPO, 'ls-files', '--', repoPath], { encoding: 'utf8' }).trim() !== '';
}

/**
 * Problems with one link, [] when it resolves. inPackage(path) tells whether the VSIX holds extension/<path>.
 * Images: in the package, or a tracked file under the repository's raw URL. Links: an anchor, in the package, into
 * the repository at a tracked path, or any other https page.
 */
export function problemsOf({ kind, target }, repository, inPackage) {
  if (target.startsWith('#')) return kind === 'image' ? [`image ${target} is an anchor`] : [];
  if (!/^[a-z]+:/i.test(target)) {
    return inPackage(target.split('#')[0]) ? [] : [`${kind} ${target} is relative and not in the package`];
  }
  if (!target.startsWith('https://')) return [`${kind} ${target} is not https`];
  const repoPath = repositoryPath(target, repository);
  if (repoPath === undefined) {
    return kind === 'image' ? [`image ${target} is neither in the package nor in the repository ${repository}`] : [];
  }
  if (kind === 'image' && !target.startsWith(`${repository}/raw/HEAD/`)) return [`image ${target} is not a raw URL`];
  return tracked(repoPath) ? [] : [`${kind} ${target}: the repository does not track ${repoPath}`];
}
