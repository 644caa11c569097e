/**
 * The object tags of one object (service group, service access, agent or dialed number):
 * every tag enabled for that object type with this object's value; assign / change /
 * unassign with the same rules as the Assign to Objects dialog. Owned by the object-tags
 * feature (issue 4); the user editor (Object Tags page) and the dispatch editors embed it.
 */
export type TaggableObjectType = 'serviceGroup' | 'serviceAccess' | 'agent' | 'dialedNumber';

export function ObjectTagValuesPanel(props: { objectType: TaggableObjectType; objectId: number; readOnly?: boolean }) {
  void props;
  return <div>Object tags: not available yet.</div>;
}
