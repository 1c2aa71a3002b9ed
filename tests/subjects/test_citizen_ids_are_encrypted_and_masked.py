import pytest
from django.db import connection

from publiccredit.core.crypto import DecryptionError, decrypt_text, encrypt_text
from publiccredit.core.masking import mask_citizen_id, mask_person_name
from publiccredit.subjects.queries import subject_by_code
from tests.conftest import CITIZEN_ID


def test_the_id_number_is_stored_only_as_sm4_ciphertext_and_a_keyed_hash(citizen):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_cipher, id_hash, id_masked FROM subjects_subject WHERE id = %s", [citizen.pk])
        cipher, lookup, masked = cursor.fetchone()
    assert CITIZEN_ID not in cipher and CITIZEN_ID not in lookup
    assert cipher.startswith("sm4gcm1:")
    assert masked == "3611**********1230"
    assert decrypt_text(cipher) == CITIZEN_ID


def test_a_person_is_found_by_id_number_through_the_keyed_hash(citizen):
    assert subject_by_code(CITIZEN_ID) == citizen
    assert subject_by_code(CITIZEN_ID.lower()) == citizen


def test_encrypting_twice_gives_different_ciphertexts_that_both_decrypt(settings):
    first, second = encrypt_text(CITIZEN_ID), encrypt_text(CITIZEN_ID)
    assert first != second
    assert decrypt_text(first) == decrypt_text(second) == CITIZEN_ID


def test_a_tampered_ciphertext_is_refused():
    token = encrypt_text(CITIZEN_ID)
    tampered = token[:-6] + ("AAAA==" if not token.endswith("AAAA==") else "BBBB==")
    with pytest.raises(DecryptionError):
        decrypt_text(tampered)


def test_ids_and_names_are_masked_the_same_way_everywhere():
    assert mask_citizen_id("36112319781105004X") == "3611**********004X"
    assert mask_person_name("张三") == "张*"
    assert mask_person_name("张三丰") == "张*丰"
    assert mask_person_name("欧阳娜娜") == "欧**娜"


def test_a_subject_shows_its_masked_number_as_its_code(citizen):
    assert citizen.code == "3611**********1230"
    assert CITIZEN_ID not in str(citizen)
