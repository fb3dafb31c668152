-- The values an event's text is rendered from when it is shown, as a JSON
-- object (domain.Params): the old and new title of a title edit, the
-- deadline of a scheduler notice. NULL for events written before, whose
-- text, if any, is in message.
ALTER TABLE events ADD COLUMN params TEXT;
