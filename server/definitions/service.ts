// Validating and publishing definitions against the template library, and the drafts a
// policy owner works on. A definition with any error is refused whole; a published version
// is never changed afterwards. Drafts are stored as they are, also when they do not validate.
import { z } from 'zod';
import { diffDefinitions, type DiffableDefinition } from '../../definition/diff.ts';
import { DefinitionIdSchema, versionNumber } from '../../definition/schema.ts';
import type { Problem } from '../../definition/problems.ts';
import { validateDefinition, type ValidationResult } from '../../definition/validate.ts';
import { purposeOf } from '../../definition/prevention.ts';
import type { Db } from '../db/pool.ts';
import { AppError, conflict, invalid, invalidField, notFound } from '../errors.ts';
import { listTemplates } from '../templates/repository.ts';
import {
  definitionExists,
  deleteDraft,
  getDraft,
  getVersion,
  insertVersion,
  latestVersion,
  listDefinitions,
  saveDraft,
  unpublishedDrafts,
  type Draft,
  type PublishedVersion,
} from './repository.ts';

export async function validateAgainstLibrary(pool: Db, body: unknown): Promise<ValidationResult> {
  const templates = await listTemplates(pool);
  return validateDefinition(body, { templates });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * A definition refused (publishing, a dry run): the 400's details are its problems, errors and
 * warnings, each naming as its field the step it is about in the request
 * (`body.definition.steps.3`), or the definition as a whole.
 */
export function definitionRefused(what: string, body: unknown, problems: Problem[]): AppError {
  const steps = isRecord(body) && Array.isArray(body.steps) ? body.steps : [];
  const field = (stepId: string | undefined) => {
    const index = stepId === undefined ? -1 : steps.findIndex((s) => isRecord(s) && s.id === stepId);
    return index >= 0 ? `body.definition.steps.${index}` : 'body.definition';
  };
  const errors = problems.filter((p) => p.severity === 'error');
  return invalid(`${what}: ${errors.map((p) => p.message).join(' | ')}`, problems.map((p) => ({ ...p, field: field(p.stepId) })));
}

export async function publish(pool: Db, body: unknown, by: string, note: string | null): Promise<PublishedVersion> {
  const result = await validateAgainstLibrary(pool, body);
  if (!result.ok) throw definitionRefused('the definition cannot be published', body, result.problems);
  // Its running cases stay what they are: a ladder's next version is a ladder, a prevention process's a prevention process.
  const before = await latestVersion(pool, result.definition.id);
  if (before && purposeOf(before.body) !== purposeOf(result.definition)) {
    const was = purposeOf(before.body) === 'prevention' ? { nl: 'een preventieproces', en: 'a prevention process' } : { nl: 'een achterstandsproces', en: 'an arrears process' };
    throw definitionRefused('the definition cannot be published', body, [
      {
        severity: 'error',
        rule: 'prevention',
        text: { nl: `Eerdere versies zijn ${was.nl}; een nieuwe versie blijft dat. Maak voor het andere soort proces een nieuw proces.`, en: `Earlier versions are ${was.en}; a new version stays one. Make a new process for the other kind.` },
        message: `earlier versions of "${result.definition.id}" are ${was.en}; a new version cannot change that (start a new definition instead)`,
      },
    ]);
  }
  return await insertVersion(pool, result.definition, by, note);
}

export const PublishSchema = z.object({ definition: z.unknown(), note: z.string().trim().max(2000).optional() });

export const NewDefinitionSchema = z.object({
  id: DefinitionIdSchema,
  name: z.string().trim().min(1, 'a definition needs a name').max(120),
  description: z.string().max(4000).optional(),
});

/** A draft is any definition-shaped object: steps need an id and a kind, the rest may be unfinished. */
export const DraftBodySchema = z.looseObject({
  id: DefinitionIdSchema,
  name: z.string().max(120, 'a name is at most 120 characters'),
  description: z.string().max(4000).optional(),
  steps: z
    .array(z.looseObject({ id: z.string().min(1, 'every step needs an id').max(64), kind: z.string().min(1, 'every step needs a kind') }))
    .max(1000, 'a definition has at most 1000 steps'),
});

export const DraftInputSchema = z.object({
  definition: DraftBodySchema,
  basedOnVersion: z.number().int().positive().nullable().optional(),
  /** The updatedAt of the draft the editor started from (null: there was none); a mismatch is a 409. */
  expectedUpdatedAt: z.string().nullable().optional(),
});

export async function createDefinition(pool: Db, input: z.output<typeof NewDefinitionSchema>, by: string): Promise<Draft> {
  if (await definitionExists(pool, input.id)) throw conflict(`id: a definition "${input.id}" already exists; pick another id`);
  const body = { id: input.id, name: input.name, ...(input.description ? { description: input.description } : {}), steps: [] };
  return await saveDraft(pool, { id: input.id, body, basedOnVersion: null, by, expectedUpdatedAt: null });
}

export async function saveDraftChecked(pool: Db, id: string, input: z.output<typeof DraftInputSchema>, by: string) {
  if (input.definition.id !== id) throw invalidField('body.definition.id', `"${input.definition.id}" differs from the definition id "${id}" in the path`);
  const draft = await saveDraft(pool, {
    id,
    body: input.definition,
    basedOnVersion: input.basedOnVersion ?? (await latestVersion(pool, id))?.version ?? null,
    by,
    ...(input.expectedUpdatedAt !== undefined ? { expectedUpdatedAt: input.expectedUpdatedAt } : {}),
  });
  const { problems } = await validateAgainstLibrary(pool, draft.body);
  return { draft, problems };
}

export const VersionNumberSchema = versionNumber('the version');

export const VersionRefSchema = z.union([z.literal('draft'), versionNumber('the version')], { error: 'a version number or "draft"' });

export async function loadBody(pool: Db, id: string, ref: number | 'draft'): Promise<DiffableDefinition> {
  if (ref === 'draft') {
    const draft = await getDraft(pool, id);
    if (!draft) throw notFound(`definition "${id}" has no draft`);
    return draft.body as DiffableDefinition;
  }
  const version = await getVersion(pool, id, ref);
  if (!version) throw notFound(`definition "${id}" has no version ${ref}`);
  return version.body;
}

export type DefinitionSummary = Awaited<ReturnType<typeof listDefinitions>>[number];
export type DraftSummary = { id: string; name: string; updatedAt: string; updatedByName: string };
export type DefinitionList = { definitions: DefinitionSummary[]; drafts?: DraftSummary[] };

/** The published definitions; with `drafts`, also the new ones that exist only as a draft. */
export async function definitionList(pool: Db, options: { drafts: boolean }): Promise<DefinitionList> {
  const definitions = await listDefinitions(pool);
  if (!options.drafts) return { definitions };
  const drafts = (await unpublishedDrafts(pool)).map((d): DraftSummary => ({
    id: d.id,
    name: typeof (d.body as { name?: unknown })?.name === 'string' ? (d.body as { name: string }).name : d.id,
    updatedAt: d.updatedAt,
    updatedByName: d.updatedByName,
  }));
  return { definitions, drafts };
}

/** One published version, or the latest when no version is given. */
export async function publishedVersion(pool: Db, id: string, version?: number): Promise<PublishedVersion> {
  if (version === undefined) {
    const found = await latestVersion(pool, id);
    if (!found) throw notFound(`definition "${id}" not found`);
    return found;
  }
  const found = await getVersion(pool, id, version);
  if (!found) throw notFound(`definition "${id}" has no version ${version}`);
  return found;
}

/** The draft with what validation finds in it. */
export async function draftWithProblems(pool: Db, id: string) {
  const draft = await getDraft(pool, id);
  if (!draft) throw notFound(`definition "${id}" has no draft`);
  const { problems } = await validateAgainstLibrary(pool, draft.body);
  return { draft, problems };
}

export async function discardDraft(pool: Db, id: string): Promise<void> {
  if (!(await deleteDraft(pool, id))) throw notFound(`definition "${id}" has no draft`);
}

export async function diffVersions(pool: Db, id: string, from: number | 'draft', to: number | 'draft') {
  const [before, after] = await Promise.all([loadBody(pool, id, from), loadBody(pool, id, to)]);
  return { from, to, diff: diffDefinitions(before, after) };
}
