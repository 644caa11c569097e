import type { UserSaveGuard } from '../users';
import { ServiceError } from '../../ipc/errors';

/**
 * Seed 000 §5.1 the other way round: a user who is a virtual agent cannot be given what Virtual
 * Agents do not support (Windows logon or SAML2 SSO as password type, Automatic Post-processing,
 * Mandatory wrap-up reason). Added to the users feature's save (users' runtime `addSaveGuard`), so
 * it runs in the save's transaction; setAgents reads the users FOR SHARE, so the two cannot pass
 * each other on PostgreSQL. Only a change is refused: a value the user already had (set before
 * this rule existed) does not block saving the user's other fields.
 */
export const virtualAgentUserGuard: UserSaveGuard = async (tx, { userId, logonId, before, after }) => {
  const passwordType = after.passwordType ?? before.passwordType;
  const set: Array<{ field: string; label: string }> = [];
  if (passwordType !== before.passwordType && passwordType !== 'oscc')
    set.push({ field: 'passwordType', label: passwordType === 'windows' ? 'Windows logon' : 'SAML2 SSO' });
  if ((after.automaticPostProcessing ?? before.automaticPostProcessing) && !before.automaticPostProcessing)
    set.push({ field: 'automaticPostProcessing', label: 'Automatic Post-processing' });
  if ((after.mandatoryWrapUpReason ?? before.mandatoryWrapUpReason) && !before.mandatoryWrapUpReason)
    set.push({ field: 'mandatoryWrapUpReason', label: 'Mandatory wrap-up reason' });
  if (set.length === 0) return;
  const agent = await tx
    .selectFrom('va_agent as a')
    .innerJoin('va_profile as p', 'p.id', 'a.profile_id')
    .select(['p.id', 'p.name'])
    .where('a.user_id', '=', userId)
    .executeTakeFirst();
  if (!agent) return;
  const what = set.map((s) => s.label).join(', ');
  throw new ServiceError(
    'INVALID',
    `${what} cannot be set: ${logonId} is a virtual agent in profile ${agent.name}. Remove the agent from the ` +
      `profile first.`,
    set[0]!.field,
    { rule: 'virtual_agent', holder: { kind: 'virtual_agent_profile', id: agent.id, name: agent.name } },
  );
};
