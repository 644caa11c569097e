import type { ReactElement } from 'react';
import {
  Alert20Regular,
  DocumentBulletList20Regular,
  PeopleQueue20Regular,
  People20Regular,
  Settings20Regular,
  ShieldKeyhole20Regular,
  Tag20Regular,
  TextBulletListSquare20Regular,
} from '@fluentui/react-icons';
import type { Area } from '../../../../electron/contract';

export const AREA_ICONS: Readonly<Record<Area, ReactElement>> = {
  users: <People20Regular />,
  objectTags: <Tag20Regular />,
  dispatch: <PeopleQueue20Regular />,
  responseFiles: <DocumentBulletList20Regular />,
  sso: <ShieldKeyhole20Regular />,
  alarms: <Alert20Regular />,
  logs: <TextBulletListSquare20Regular />,
  system: <Settings20Regular />,
};
