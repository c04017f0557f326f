// Shared by the lesson tests: where the fixture modules are, and which media they may use.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixturesFolder = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const fixture = (name: string) => path.join(fixturesFolder, name);
/** A fixture file as the messages name it: relative to the working directory. */
export const fixtureFile = (...parts: string[]) => path.relative(process.cwd(), path.join(fixturesFolder, ...parts));

const pictograms = ['smile', 'sad', 'camera', 'question', 'thumbs-up', 'thumbs-down', 'friends', 'family', 'person', 'ok', 'not-ok', 'doubt', 'heart', 'speech', 'silent', 'stop'];
const moduleMedia = ['intro.svg', 'panel1.svg', 'lina.svg', 'welcome.svg', 'film.mp4', 'film-vgt.mp4', 'tip-vgt.mp4', 'film.nl.vtt', 'film.fr.vtt', 'film.en.vtt'];

/** The fixtures' public files: no binary media in the repository for a test. */
export const fixtureMedia = new Set([
  ...pictograms.map((name) => `/pictograms/${name}.svg`),
  ...moduleMedia.map((name) => `/modules/every-step/${name}`),
  '/modules/video-captions/film.mp4',
  '/modules/video-captions/film.nl.vtt',
  '/modules/video-captions/film.en.vtt',
]);
export const fixtureFileExists = (url: string) => fixtureMedia.has(url);
